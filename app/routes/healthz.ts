import { databaseProvider, pingDatabase } from "~/db.server";

/** Liveness and readiness: answers 200 only when the database answers. */
export async function loader() {
  const headers = { "Cache-Control": "no-store" };
  try {
    await pingDatabase();
    return Response.json({ status: "ok", database: databaseProvider }, { headers });
  } catch (error) {
    console.error("healthz: database check failed:", error);
    return Response.json({ status: "error", database: databaseProvider }, { status: 503, headers });
  }
}
