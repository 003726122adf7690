/**
 * The producer's own profile. Contacts, address within its province, legal
 * representative and descriptions go live at once (audited, version-checked).
 * Its legal identity (legal name, tax code) is edited directly while the
 * whole registration is still under review; once approved, a change becomes
 * the producer's open Revision for staff, and the live record keeps its values.
 */
import type { Database, Prisma } from "../../db.server";
import { DomainError, isUniqueViolation, parseOrThrow } from "../../lib/errors.server";
import { producerScope, type Actor } from "../accounts/actor.server";
import { changedFields, recordAudit, versionConflict } from "../audit/trail.server";
import { writeCatalogue } from "../catalogue/changes.server";
import { refreshCatalogueEntries } from "../catalogue/entries.server";
import { producerSearchKey } from "../catalogue/search-keys.server";
import { producerDocuments } from "../documents/service.server";
import { communeOptions } from "../producers/admin-record.server";
import { refreshProductSearchKeys } from "../products/service.server";
import { conversation, recordProducerEvent } from "../conversations/conversation.server";
import { PRODUCER_REVISION_FIELDS } from "../reviews/revision-fields";
import { PortalProfileSchema, PROFILE_LIVE_FIELDS, ResubmitSchema } from "./forms";
import { differingFields, holdAtVersion, openRevision, proposeRevision } from "./revisions.server";
import { isUnapproved, ownProducerId } from "./scope.server";

/** What the audit trail compares on a profile save. */
const AUDITED_FIELDS = [...PROFILE_LIVE_FIELDS, ...PRODUCER_REVISION_FIELDS] as const;

const profileSelect = {
  id: true,
  version: true,
  status: true,
  statusReason: true,
  type: true,
  slug: true,
  provinceId: true,
  formerDistrict: true,
  formerProvince: true,
  province: { select: { nameVi: true, nameEn: true } },
  ...(Object.fromEntries(AUDITED_FIELDS.map((field) => [field, true])) as Record<(typeof AUDITED_FIELDS)[number], true>),
} as const;

const notFound = () => new DomainError("Producer not found", 404);
const taxCodeTaken = () => new DomainError("Tax code already registered", 409, { taxCode: ["forms.taxCodeTaken"] });

async function ownProducer(db: Database | Prisma.TransactionClient, actor: Actor) {
  const producer = await db.producer.findFirst({ where: { AND: [{ id: ownProducerId(actor) }, producerScope(actor)] }, select: profileSelect });
  if (!producer) throw notFound();
  return producer;
}

/** The profile page: the producer, its province's communes, its open revision, documents and conversation with staff. */
export async function portalProfile(db: Database, actor: Actor) {
  const producer = await ownProducer(db, actor);
  const [communes, revision, documents, messages] = await Promise.all([
    communeOptions(db, producer.provinceId),
    openRevision(db, actor, { entityType: "producer", producerId: producer.id, productId: null }),
    producerDocuments(db, actor, producer.id),
    conversation(db, producer.id, "producer", producer.id),
  ]);
  return { producer, communes, revision, documents, messages, identityUnderReview: !isUnapproved(producer.status) };
}

export type PortalProfile = Awaited<ReturnType<typeof portalProfile>>;

/**
 * Saves the profile form. Returns the producer's new version and the open
 * revision the save created or updated (null when the identity went live or
 * did not change).
 */
export async function updatePortalProfile(db: Database, actor: Actor, rawInput: unknown) {
  const { version, legalName, taxCode, ...live } = parseOrThrow(PortalProfileSchema, rawInput);
  try {
    return await writeCatalogue(db, async (tx) => {
      const before = await ownProducer(tx, actor);
      if (before.status === "ARCHIVED") throw new DomainError("Archived producer", 409, { form: ["portal.errors.archived"] });
      let communeName: string | null = null;
      if (live.communeId !== undefined) {
        const commune = await tx.commune.findFirst({ where: { id: live.communeId, provinceId: before.provinceId }, select: { nameVi: true } });
        if (!commune) throw new DomainError("Commune not in province", 400, { communeId: ["forms.communeNotInProvince"] });
        communeName = commune.nameVi;
      }
      // Another producer's tax code gets the registration's answer, naming no one.
      if (taxCode !== before.taxCode && (await tx.producer.findFirst({ where: { taxCode, id: { not: before.id } }, select: { id: true } }))) {
        throw taxCodeTaken();
      }
      const identityLive = isUnapproved(before.status);
      const fields = { ...live, communeId: live.communeId ?? null, ...(identityLive ? { legalName, taxCode } : {}) };
      const changes = changedFields(before, fields, AUDITED_FIELDS);
      let currentVersion = version;
      if (Object.keys(changes).length) {
        const searchKey = producerSearchKey({
          legalName: fields.legalName ?? before.legalName,
          communeName,
          provinceName: before.province.nameVi,
          formerDistrict: before.formerDistrict,
          formerProvince: before.formerProvince,
        });
        const { count } = await tx.producer.updateMany({
          where: { id: before.id, version },
          data: { ...fields, searchKey, version: { increment: 1 } },
        });
        if (count === 0) throw await versionConflict(tx, "producer", before, fields, AUDITED_FIELDS);
        currentVersion = version + 1;
        // Product search keys carry the producer's name and places; its contacts show on public pages.
        await refreshProductSearchKeys(tx as Database, { producerId: before.id });
        await refreshCatalogueEntries(tx, { producerId: before.id });
        await recordAudit(tx, actor, {
          action: "update",
          entityType: "producer",
          entityId: before.id,
          entityLabel: fields.legalName ?? before.legalName,
          provinceId: before.provinceId,
          changes,
        });
      } else if (!(await holdAtVersion(tx, "Producer", before.id, version))) {
        throw await versionConflict(tx, "producer", before, fields, AUDITED_FIELDS);
      }
      const revision = identityLive
        ? null
        : await proposeRevision(
            tx,
            actor,
            { entityType: "producer", producerId: before.id, productId: null, label: before.legalName, provinceId: before.provinceId },
            before,
            differingFields(before, { legalName, taxCode }, PRODUCER_REVISION_FIELDS),
            currentVersion,
          );
      return { version: currentVersion, revision };
    });
  } catch (error) {
    if (isUniqueViolation(error, "taxCode")) throw taxCodeTaken();
    throw error;
  }
}

/**
 * After staff asked for changes: the producer sends its registration back
 * for review (PENDING), with an optional answer that staff read beside it.
 */
export async function resubmitProducer(db: Database, actor: Actor, rawInput: unknown) {
  const { message } = parseOrThrow(ResubmitSchema, rawInput);
  return writeCatalogue(db, async (tx) => {
    const before = await ownProducer(tx, actor);
    const { count } = await tx.producer.updateMany({
      where: { id: before.id, status: "CHANGES_REQUESTED" },
      data: { status: "PENDING", statusReason: null, version: { increment: 1 } },
    });
    if (count === 0) throw new DomainError("Nothing to resubmit", 409, { form: ["portal.errors.nothingToResubmit"] });
    await recordAudit(tx, actor, {
      action: "submit",
      entityType: "producer",
      entityId: before.id,
      entityLabel: before.legalName,
      provinceId: before.provinceId,
      changes: changedFields(before, { status: "PENDING", statusReason: null }, ["status", "statusReason"]),
    });
    await recordProducerEvent(tx, actor, "submitted", { producerId: before.id, item: "producer", itemId: before.id, label: before.legalName, body: message });
  });
}
