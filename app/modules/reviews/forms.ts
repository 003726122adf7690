/**
 * The review decision form, shared by the server (the decision services parse
 * with it) and the browser (conform checks it as staff type). The button sets
 * `intent`: approve, reject, or request changes; the last two say why, and the
 * producer reads it.
 */
import { z } from "zod";
import { optionalText, version } from "../../lib/fields";
import type { ReviewItem } from "../conversations/conversation.server";

export const REVIEW_DECISIONS = ["approve", "reject", "request_changes"] as const;
export type ReviewDecision = (typeof REVIEW_DECISIONS)[number];

export const MESSAGE_MAX_LENGTH = 2000;

export const ReviewDecisionSchema = z
  .object({
    intent: z.enum(REVIEW_DECISIONS, "forms.required"),
    message: optionalText(MESSAGE_MAX_LENGTH),
    // The version the page showed, for records that have one: a decision from a stale page is refused.
    version: version.optional(),
  })
  .refine((input) => input.intent === "approve" || Boolean(input.message), {
    path: ["message"],
    message: "admin.reviews.messageRequired",
  });

export type ReviewDecisionInput = z.input<typeof ReviewDecisionSchema>;

/** The kinds of item the queue lists, in the order its counts show (the conversations module's REVIEW_ITEMS, safe for the browser). */
export const QUEUE_KINDS = ["producer", "product", "certification", "revision"] as const satisfies readonly ReviewItem[];
