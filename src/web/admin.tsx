/**
 * The administration routes: sign in and out, uploads queued for ingest (with a progress table), corrections
 * of a work's metadata with their history and reverts, merges and splits. Every write needs an admin (see
 * admin-auth.ts); the history of a work's corrections is public, as the rest of the library is.
 */
import type { Context, Hono } from "hono";
import { CORRECTABLE_FIELDS, type CorrectableField, CorrectionError } from "../graph/corrections.ts";
import type { QueueStatus } from "../library/queue/status.ts";
import type { UploadJob, Uploads } from "../library/upload-queue.ts";
import { GraphEditError, type Store } from "../store/types.ts";
import { type AdminSessions, isAdminToken } from "./admin-auth.ts";
import {
  AdminPage,
  type EditValues,
  EditWorkPage,
  editValues,
  HistoryPage,
  LoginPage,
  UploadTable,
} from "./pages/admin.tsx";
import { ErrorPage } from "./pages/misc.tsx";
import { type AppEnv, editorOf, formText, notFound, positive, render, workOf } from "./render.tsx";
import { receiveUpload } from "./upload.ts";

export interface AdminOptions {
  /** The browser sessions of the admin token; without a token the library is read-only. */
  sessions?: AdminSessions;
  /** Where uploaded PDFs wait for ingest; uploads are off without it. */
  uploads?: Uploads;
  /** The largest upload request, in bytes. */
  maxUploadBytes: number;
  /** The ingest queue's numbers (`citegraph serve --queue`, or a PostgreSQL library's own queue). */
  queue?: { status(): Promise<QueueStatus> };
}

/** The ingest queue's progress, as `citegraph queue` prints it, or why it cannot be read. */
function QueueNumbers({ status, error }: { status?: QueueStatus; error?: string }) {
  const rate = status && status.ratePerMinute > 0 ? `${status.ratePerMinute.toFixed(1)} PDFs a minute` : "-";
  const eta =
    status?.etaSeconds === undefined
      ? "-"
      : `${Math.floor(status.etaSeconds / 60)} min ${String(status.etaSeconds % 60).padStart(2, "0")} s`;
  return (
    <section class="admin-queue">
      <h2>Ingest queue</h2>
      {error ? (
        <p>The queue cannot be read: {error}</p>
      ) : (
        status && (
          <table>
            <tbody>
              {[
                [
                  "Waiting",
                  `${status.waiting}${status.retrying ? ` (${status.retrying} to be tried again)` : ""}`,
                ],
                ["Active", String(status.active)],
                ["Done", String(status.done)],
                ["Failed", String(status.failed)],
                ["Rate", rate],
                ["ETA", eta],
              ].map(([name, value]) => (
                <tr>
                  <th>{name}</th>
                  <td>{value}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )
      )}
    </section>
  );
}

async function queueNumbers(queue: AdminOptions["queue"]) {
  if (!queue) return undefined;
  try {
    return <QueueNumbers status={await queue.status()} />;
  } catch (e) {
    return <QueueNumbers error={(e as Error).message} />;
  }
}

/** Whether an upload waits or runs (the progress table polls while one does). */
const waitingOrRunning = (jobs: UploadJob[]) =>
  jobs.some((j) => j.state === "queued" || j.state === "running");

const MERGES_SHOWN = 50;
const CORRECTIONS_SHOWN = 200;

/** The corrections an edit form asks for: the fields whose text differs from what the work shows. */
export function changedFields(before: EditValues, form: Record<string, unknown>): Record<string, unknown> {
  const flat = (s: string) => s.replace(/\s+/g, " ").trim();
  const lines = (s: string) => s.split(/\r?\n/).map(flat).filter(Boolean);
  const out: Record<string, unknown> = {};
  for (const f of CORRECTABLE_FIELDS) {
    if (typeof form[f] !== "string") continue;
    const now = formText(form, f);
    if (f === "author") {
      if (lines(now).join("\n") !== lines(before.author).join("\n")) out.author = lines(now);
    } else if (flat(now) !== flat(before[f])) out[f] = flat(now) === "" ? null : now;
  }
  return out;
}

export function mountAdmin(app: Hono<AppEnv>, store: Store, opts: AdminOptions): void {
  const forbidden = (c: Context) =>
    render(
      c,
      "Sign in",
      <ErrorPage
        title="Administrators only"
        message="Sign in on the administration page to change the library."
      />,
      { status: 403 },
    );

  // Every admin route but the sign-in page itself (/admin, shown to whoever is not signed in) needs an admin;
  // this runs before any handler reads a body, so a request without the token is refused unread.
  app.use("/admin/*", async (c, next) => {
    const signIn = c.req.path === "/admin/login" || (c.req.path === "/admin" && c.req.method === "GET");
    if (signIn || editorOf(c) !== undefined) return next();
    return forbidden(c);
  });

  const adminPage = async (c: Context, message?: string, status: 200 | 400 = 200) => {
    const jobs = (await opts.uploads?.list()) ?? [];
    return render(
      c,
      "Administration",
      <>
        <AdminPage
          editor={editorOf(c)!}
          jobs={jobs}
          busy={waitingOrRunning(jobs)}
          merges={await store.merges(MERGES_SHOWN)}
          message={message}
          uploads={!!opts.uploads}
        />
        {await queueNumbers(opts.queue)}
      </>,
      { status },
    );
  };

  app.get("/admin", async (c) => {
    if (editorOf(c) === undefined) return render(c, "Sign in", <LoginPage configured={!!opts.sessions} />);
    const message = { merged: "Merged.", split: "Split.", uploaded: "Queued for ingest." }[
      c.req.query("done") ?? ""
    ];
    return adminPage(c, message);
  });

  app.post("/admin/login", async (c) => {
    const form = await c.req.parseBody();
    if (!opts.sessions) return render(c, "Sign in", <LoginPage configured={false} />, { status: 403 });
    if (!isAdminToken(opts.sessions.config, form.token))
      return render(c, "Sign in", <LoginPage configured error="That is not the admin token." />, {
        status: 403,
      });
    const editor = formText(form, "editor").replace(/\s+/g, " ").trim().slice(0, 100) || "admin";
    opts.sessions.start(c, editor);
    return c.redirect("/admin", 303);
  });

  app.post("/admin/logout", async (c) => {
    await opts.sessions?.end(c);
    return c.redirect("/", 303);
  });

  app.get("/admin/uploads", async (c) => {
    const jobs = (await opts.uploads?.list()) ?? [];
    const table = (
      <UploadTable jobs={jobs} busy={jobs.some((j) => j.state === "queued" || j.state === "running")} />
    );
    return c.html(table.toString());
  });

  app.post("/admin/upload", async (c) => {
    if (!opts.uploads) return adminPage(c, "Uploads are off for this library.", 400);
    const received = await receiveUpload(c.req.raw, opts.uploads, opts.maxUploadBytes);
    if ("status" in received) {
      if (received.status === 400) return adminPage(c, received.message, 400);
      // The rest of the body is not read: the connection is closed after the answer.
      return c.text(received.message, 413, { Connection: "close" });
    }
    if (!received.files.length) return adminPage(c, "Choose one or more PDF files to upload.", 400);
    await opts.uploads.addFiles(received.files);
    return c.redirect("/admin?done=uploaded", 303);
  });

  app.post("/admin/merge", async (c) => {
    const form = await c.req.parseBody();
    const into = positive(formText(form, "into").trim());
    const from = positive(formText(form, "from").trim());
    if (!into || !from)
      return adminPage(c, "Give the ids of both works (the numbers in their addresses).", 400);
    try {
      await store.mergeWorks(into, from, formText(form, "note").trim().slice(0, 2000) || undefined);
    } catch (e) {
      if (e instanceof GraphEditError) return adminPage(c, `Not merged: ${e.message}.`, 400);
      throw e;
    }
    return c.redirect("/admin?done=merged", 303);
  });

  app.post("/admin/merges/:id/split", async (c) => {
    const id = positive(c.req.param("id"));
    try {
      if (!id) throw new GraphEditError(`no merge ${c.req.param("id")}`);
      await store.splitMerge(id);
    } catch (e) {
      if (e instanceof GraphEditError) return adminPage(c, `Not split: ${e.message}.`, 400);
      throw e;
    }
    return c.redirect("/admin?done=split", 303);
  });

  app.get("/admin/works/:id/edit", async (c) => {
    const work = await workOf(c, store);
    if (!work) return notFound(c);
    return render(c, `Correct ${work.title}`, <EditWorkPage work={work} values={editValues(work)} />);
  });

  app.post("/admin/works/:id/edit", async (c) => {
    const work = await workOf(c, store);
    if (!work) return notFound(c);
    const form = await c.req.parseBody();
    const before = editValues(work);
    const typed = { ...before } as EditValues;
    for (const f of [...CORRECTABLE_FIELDS, "note"] as (CorrectableField | "note")[])
      if (typeof form[f] === "string") typed[f] = form[f] as string;
    try {
      const fields = changedFields(before, form);
      if (!Object.keys(fields).length) throw new CorrectionError("nothing was changed");
      await store.correctWork(work.id, fields, { editor: editorOf(c)!, note: formText(form, "note") });
    } catch (e) {
      if (!(e instanceof CorrectionError)) throw e;
      return render(
        c,
        `Correct ${work.title}`,
        <EditWorkPage work={work} values={typed} error={e.message} />,
        {
          status: 400,
        },
      );
    }
    return c.redirect(`/works/${work.id}/history`, 303);
  });

  app.post("/admin/corrections/:id/revert", async (c) => {
    const id = positive(c.req.param("id"));
    try {
      if (!id) throw new CorrectionError(`no correction ${c.req.param("id")}`);
      const reverted = await store.revertCorrection(id, editorOf(c)!);
      return c.redirect(`/works/${reverted.workId}/history`, 303);
    } catch (e) {
      if (!(e instanceof CorrectionError)) throw e;
      return render(c, "Not reverted", <ErrorPage title="Not reverted" message={e.message} />, {
        status: 400,
      });
    }
  });

  app.get("/works/:id/history", async (c) => {
    const work = await workOf(c, store);
    if (!work) return notFound(c);
    return render(
      c,
      `Corrections of ${work.title}`,
      <HistoryPage
        work={work}
        corrections={await store.corrections(work.id, CORRECTIONS_SHOWN)}
        admin={editorOf(c) !== undefined}
      />,
    );
  });
}
