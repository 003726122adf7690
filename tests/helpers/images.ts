/**
 * Image files for upload tests, generated on the spot (no binaries in the
 * repository): photos with EXIF and GPS, and the files the pipeline must refuse.
 */
import { crc32, deflateSync } from "node:zlib";
import sharp from "sharp";

export type TestFile = { bytes: Buffer; name: string; type: string };

/** A 3:2 picture with some structure (a gradient and a disc), so encoders have work to do. */
function scene(width: number, height: number) {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#2f6b1f"/><stop offset="1" stop-color="#e8c547"/></linearGradient></defs>
    <rect width="${width}" height="${height}" fill="url(#g)"/>
    <circle cx="${width / 3}" cy="${height / 2}" r="${Math.min(width, height) / 4}" fill="#a01c1c"/>
  </svg>`;
  return sharp(Buffer.from(svg));
}

/** A JPEG as a phone writes it: EXIF with a rotation, camera fields and a GPS position. */
export async function phoneJpeg({ width = 1600, height = 1200, orientation = 6 } = {}): Promise<TestFile> {
  const bytes = await scene(width, height)
    .jpeg({ quality: 85 })
    .withExif({
      IFD0: { Make: "TestPhone", Model: "OCOP 1", Copyright: "Nguyen Van A" },
      IFD3: { GPSLatitudeRef: "N", GPSLatitude: "20/1 49/1 0/1", GPSLongitudeRef: "E", GPSLongitude: "105/1 20/1 0/1" },
    })
    .withMetadata({ orientation })
    .toBuffer();
  return { bytes, name: "buoi-do.jpg", type: "image/jpeg" };
}

export async function plainPng({ width = 900, height = 600 } = {}): Promise<TestFile> {
  return { bytes: await scene(width, height).png().toBuffer(), name: "mat-ong.png", type: "image/png" };
}

export async function plainWebp({ width = 700, height = 500 } = {}): Promise<TestFile> {
  return { bytes: await scene(width, height).webp().withExif({ IFD0: { Copyright: "Nguyen Van B" } }).toBuffer(), name: "che.webp", type: "image/webp" };
}

/** An uncompressed PNG of just over 5 MB (5 MiB = 5,242,880 bytes): a real image, only too large. */
export async function oversizedPng(): Promise<TestFile> {
  const bytes = await sharp({ create: { width: 1400, height: 1300, channels: 3, background: "#2f6b1f" } }).png({ compressionLevel: 0 }).toBuffer();
  return { bytes, name: "qua-lon.png", type: "image/png" };
}

/** A JPEG cut off half-way: its header reads, its picture does not. */
export async function truncatedJpeg(): Promise<TestFile> {
  const { bytes } = await phoneJpeg({ orientation: 1 });
  return { bytes: bytes.subarray(0, Math.floor(bytes.length / 2)), name: "hong.jpg", type: "image/jpeg" };
}

/** A real PNG named and typed as a JPEG. */
export async function pngNamedJpg(): Promise<TestFile> {
  const { bytes } = await plainPng();
  return { bytes, name: "that-ra-la-png.jpg", type: "image/jpeg" };
}

export function textNamedJpg(): TestFile {
  return { bytes: Buffer.from("Đây không phải là ảnh.\n"), name: "ghi-chu.jpg", type: "image/jpeg" };
}

export function svgNamedPng(): TestFile {
  const svg = '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="100"><script>alert(1)</script><rect width="200" height="100"/></svg>';
  return { bytes: Buffer.from(svg), name: "logo.png", type: "image/png" };
}

export function htmlNamedPng(): TestFile {
  return { bytes: Buffer.from("<!doctype html><html><body><script>alert(1)</script></body></html>"), name: "anh.png", type: "image/png" };
}

export async function gifNamedWebp(): Promise<TestFile> {
  const bytes = await sharp({ create: { width: 40, height: 30, channels: 3, background: "#e8c547" } }).gif().toBuffer();
  return { bytes, name: "dong.webp", type: "image/webp" };
}

function pngChunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** A decompression bomb: a few hundred bytes whose header promises 30,000 × 30,000 pixels (900 megapixels). */
export function pixelBombPng(side = 30_000): TestFile {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(side, 0);
  header.writeUInt32BE(side, 4);
  header[8] = 8; // bit depth
  header[9] = 0; // greyscale
  const bytes = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    pngChunk("IHDR", header),
    pngChunk("IDAT", deflateSync(Buffer.alloc(side + 1))),
    pngChunk("IEND", Buffer.alloc(0)),
  ]);
  return { bytes, name: "bom.png", type: "image/png" };
}
