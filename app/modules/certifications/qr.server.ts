import QRCode from "qrcode";

/** The verification page's absolute URL, as printed in the QR code. */
export function verificationUrl(origin: string, code: string): string {
  return `${origin.replace(/\/$/, "")}/verify/${encodeURIComponent(code)}`;
}

/** An SVG QR code (medium error correction survives a smudged label). */
export function qrSvg(url: string): Promise<string> {
  return QRCode.toString(url, { type: "svg", errorCorrectionLevel: "M", margin: 2, color: { dark: "#000000", light: "#ffffff" } });
}
