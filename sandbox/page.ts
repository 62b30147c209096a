import type { TrafficEntry } from "./bridge.ts";
import type { SandboxMail } from "./mails.ts";
import { SANDBOX_PEOPLE, SANDBOX_TEAM_CHANNEL } from "./people.ts";
import { blocks, escapeHtml, mrkdwn, type RenderContext } from "./render.ts";
import type { EphemeralMessage, StandinFile, StoredMessage, StoredView } from "./slack-standin.ts";

/** A shared file as the page lists it (the bytes stay on the server). */
export type SceneFile = Pick<StandinFile, "id" | "filename" | "title" | "length">;

/** What one person sees: the channel, their ephemeral messages, modal stack and Home, the mails. */
export interface Scene {
  user: string;
  /** Whether the viewer is in the (private) team channel; others do not see its messages. */
  member: boolean;
  messages: StoredMessage[];
  /** The bot's direct messages to the viewer (and their files), oldest first. */
  dms: StoredMessage[];
  /** The files shared in the messages above, by id. */
  files: Record<string, SceneFile>;
  ephemerals: EphemeralMessage[];
  modal: StoredView | undefined;
  stackDepth: number;
  home: StoredView | undefined;
  mails: SandboxMail[];
  log: { requests: TrafficEntry[]; calls: unknown[] };
  ctx: RenderContext;
}

const BOT = "U0KUNDENBOT";

function author(id: string, ctx: RenderContext) {
  if (id === BOT) return { name: "kundenbot", app: true, initials: "kb" };
  if (id === "USLACKBOT") return { name: "Slackbot", app: true, initials: "sb" };
  const name = ctx.users[id] ?? id;
  return {
    name,
    app: false,
    initials: name
      .split(" ")
      .map((w) => w[0] ?? "")
      .join("")
      .slice(0, 2),
  };
}

const clock = (ts: string, ctx: RenderContext) =>
  new Intl.DateTimeFormat("de-DE", { timeZone: ctx.tz, hour: "2-digit", minute: "2-digit" }).format(
    new Date(Number(ts) * 1000),
  );

function body(m: { text?: string; blocks?: unknown[] }, ctx: RenderContext) {
  return m.blocks && m.blocks.length > 0
    ? blocks(m.blocks, ctx)
    : `<div class="sk-text">${mrkdwn(m.text ?? "", ctx)}</div>`;
}

const IMAGE = /\.(png|jpe?g|gif|webp)$/i;
const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} Byte`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1).replace(".", ",")} KB`
      : `${(bytes / 1024 / 1024).toFixed(1).replace(".", ",")} MB`;

/** A message's files, as Slack shows them: images as pictures, every file as a link that downloads it. */
function filesHtml(ids: string[] | undefined, scene: Scene): string {
  if (!ids || ids.length === 0) return "";
  const items = ids.map((id) => {
    const f = scene.files[id];
    if (!f) return `<li class="file gone">Diese Datei gibt es nicht mehr.</li>`;
    const href = `/sandbox/file?id=${encodeURIComponent(f.id)}&amp;als=${encodeURIComponent(scene.user)}`;
    const title = escapeHtml(f.title ?? f.filename);
    const picture = IMAGE.test(f.filename)
      ? `<img src="${href}&amp;inline=1" alt="${title}" class="file-image">`
      : "";
    return `<li class="file">${picture}<a href="${href}" download="${escapeHtml(f.filename)}">${escapeHtml(f.filename)}</a> <span class="file-meta">${title === escapeHtml(f.filename) ? "" : `${title} · `}${size(f.length)}</span></li>`;
  });
  return `<ul class="files" aria-label="Dateien">${items.join("")}</ul>`;
}

function messageHead(user: string, ts: string, ctx: RenderContext, extra = "") {
  const a = author(user, ctx);
  return `<div class="avatar${a.app ? " app" : ""}" aria-hidden="true">${escapeHtml(a.initials)}</div><div class="meta"><b>${escapeHtml(a.name)}</b>${a.app ? ' <span class="badge">APP</span>' : ""} <span class="time">${clock(ts, ctx)}</span>${extra}</div>`;
}

export function channelHtml(scene: Scene): string {
  const { ctx } = scene;
  const top = scene.member ? scene.messages.filter((m) => !m.threadTs) : [];
  type Item = { ts: string; html: string };
  const items: Item[] = top.map((m) => {
    const replies = scene.messages.filter((r) => r.threadTs === m.ts);
    const thread =
      replies.length > 0
        ? `<section class="thread" aria-label="Thread"><div class="thread-count">${replies.length} ${replies.length === 1 ? "Antwort" : "Antworten"}</div>${replies
            .map(
              (r) =>
                `<div class="reply">${messageHead(r.user, r.ts, ctx)}<div class="blocks" data-source="message" data-ts="${r.ts}" data-ephemeral="0">${body(r, ctx)}</div></div>`,
            )
            .join("")}</section>`
        : "";
    const edited = m.version > 1 ? ' <span class="edited">(bearbeitet)</span>' : "";
    return {
      ts: m.ts,
      html: `<article class="msg" data-ts="${m.ts}" data-version="${m.version}">${messageHead(m.user, m.ts, ctx, edited)}<div class="blocks" data-source="message" data-ts="${m.ts}" data-ephemeral="0">${m.text || m.blocks ? body(m, ctx) : ""}${filesHtml(m.files, scene)}</div>${thread}</article>`,
    };
  });
  for (const e of scene.ephemerals.filter((e) => e.to === scene.user)) {
    items.push({
      ts: e.ts,
      html: `<article class="msg ephemeral" data-ts="${e.ts}"><div class="only-you">Nur für dich sichtbar</div>${messageHead(e.user, e.ts, ctx)}<div class="blocks" data-source="message" data-ts="${e.ts}" data-ephemeral="1">${body(e, ctx)}</div></article>`,
    });
  }
  items.sort((a, b) => Number(a.ts) - Number(b.ts) || a.ts.localeCompare(b.ts));
  const outside = scene.member
    ? ""
    : `<p class="empty">Sie sind nicht Mitglied von #${SANDBOX_TEAM_CHANNEL.name}, einem privaten Kanal: seine Nachrichten sehen Sie nicht. Probieren Sie <code>/kunden hilfe</code> oder die Startseite.</p>`;
  if (!scene.member) return outside + items.map((i) => i.html).join("");
  if (items.length === 0)
    return `<p class="empty">Noch keine Nachrichten. Klicken Sie oben auf <b>Anfrage simulieren</b> oder schreiben Sie <code>/kunden hilfe</code>.</p>`;
  return items.map((i) => i.html).join("");
}

/** The bot's direct messages to the viewer: what it sent only to them (Auskunft, export, report). */
export function dmsHtml(scene: Scene): string {
  const { ctx } = scene;
  if (scene.dms.length === 0)
    return `<p class="empty">Noch keine Direktnachrichten von kundenbot. Hierher schickt der Bot Dateien, die nur Sie bekommen, z. B. mit <code>/kunden auskunft name@example.com</code>.</p>`;
  return scene.dms
    .map(
      (m) =>
        `<article class="msg" data-ts="${m.ts}">${messageHead(m.user, m.ts, ctx)}<div class="blocks" data-source="message" data-ts="${m.ts}" data-ephemeral="0">${m.text || m.blocks ? body(m, ctx) : ""}${filesHtml(m.files, scene)}</div></article>`,
    )
    .join("");
}

export function homeHtml(scene: Scene): string {
  if (!scene.home) return `<p class="empty">Die Startseite wird geladen …</p>`;
  return `<div class="home" data-source="view" data-view-id="${escapeHtml(scene.home.id)}">${blocks(scene.home.blocks, scene.ctx)}</div>`;
}

export function modalHtml(scene: Scene): string {
  const v = scene.modal;
  if (!v) return "";
  const title = escapeHtml(v.title?.text ?? "kundenbot");
  const close = escapeHtml(v.close?.text ?? "Abbrechen");
  const submit = v.submit
    ? `<button type="button" class="sk-btn primary" data-submit="1">${escapeHtml(v.submit.text)}</button>`
    : "";
  const viewError = v.errors?._view
    ? `<div class="sk-error" role="alert">${escapeHtml(v.errors._view)}</div>`
    : "";
  return `<div class="backdrop"><div class="modal" role="dialog" aria-modal="true" aria-labelledby="modal-title" data-source="view" data-view-id="${escapeHtml(v.id)}"><header><span class="app-icon" aria-hidden="true">kb</span><h2 id="modal-title">${title}</h2>${scene.stackDepth > 1 ? `<span class="depth">${scene.stackDepth} / 3</span>` : ""}</header><div class="modal-body">${viewError}${blocks(v.blocks, scene.ctx, v.errors)}</div><footer><button type="button" class="sk-btn" data-close="1">${close}</button>${submit}</footer></div></div>`;
}

/** The operator panels show what the sandbox's operator sees, never what the selected person could see in Slack. */
function operatorNote(scene: Scene, what: string): string {
  const name = escapeHtml(scene.ctx.users[scene.user] ?? scene.user);
  const who = scene.member
    ? "In Slack sieht sie niemand im Team."
    : `${name} ist nicht im Team und sieht davon in Slack nichts.`;
  return `<p class="operator-note" role="note"><b>Betreiberansicht:</b> ${what} ${who}</p>`;
}

export function mailsHtml(scene: Scene): string {
  const note = operatorNote(scene, "die E-Mails, die kundenbot verschickt hat.");
  if (scene.mails.length === 0)
    return `${note}<p class="empty">Noch keine E-Mails. Der Bot schreibt z. B., wenn eine Einladung abgelehnt wird.</p>`;
  return (
    note +
    scene.mails
      .map(
        (m) =>
          `<article class="mail" aria-label="${escapeHtml(m.subject)}"><h3>${escapeHtml(m.subject)}</h3><dl><dt>An</dt><dd>${escapeHtml(m.to)}</dd><dt>Von</dt><dd>${escapeHtml(m.from)}</dd><dt>Datum</dt><dd>${escapeHtml(m.date)}</dd></dl><pre>${escapeHtml(m.text)}</pre>${m.toAddress ? `<button type="button" class="tool" data-reply-file="${escapeHtml(m.file)}">Antwort simulieren</button>` : ""}</article>`,
      )
      .join("")
  );
}

const logTime = (iso: string, tz: string) =>
  new Intl.DateTimeFormat("de-DE", {
    timeZone: tz,
    hour: "2-digit",
    minute: "2-digit",
    second: "2-digit",
  }).format(new Date(iso));

/** One line per request, ack and Web API call, newest first; each opens to its JSON. */
export function logHtml(scene: Scene): string {
  const calls = scene.log.calls as {
    at: string;
    method: string;
    status: number;
    response?: { ok?: boolean; error?: string };
  }[];
  const entry = (key: string, head: string, body: unknown) =>
    `<details class="log-entry" data-key="${escapeHtml(key)}"><summary>${head}</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>`;
  const requests = scene.log.requests.map((r) =>
    entry(
      `${r.at}|${r.kind}|${r.type}`,
      `<time>${logTime(r.at, scene.ctx.tz)}</time> ${r.kind === "request" ? "→ an den Bot" : "← Antwort"}: <b>${escapeHtml(r.type)}</b>`,
      r.body,
    ),
  );
  const apiCalls = calls.map((c) =>
    entry(
      `${c.at}|${c.method}`,
      `<time>${logTime(c.at, scene.ctx.tz)}</time> <b>${escapeHtml(c.method)}</b> ${c.status !== 200 ? `HTTP ${c.status}` : c.response?.ok ? "ok" : `<span class="log-error">${escapeHtml(c.response?.error ?? "Fehler")}</span>`}`,
      c,
    ),
  );
  const section = (title: string, items: string[]) =>
    `<h3>${title}</h3>${items.length ? items.join("") : '<p class="empty">Noch nichts.</p>'}`;
  return section("Anfragen an den Bot", requests) + section("Web-API-Aufrufe des Bots", apiCalls);
}

/** The parts the script replaces on each change; `modalKey` tells it whether the open modal changed. */
export function fragments(scene: Scene) {
  return {
    channel: channelHtml(scene),
    dms: dmsHtml(scene),
    home: homeHtml(scene),
    mails: mailsHtml(scene),
    modal: modalHtml(scene),
    modalKey: scene.modal
      ? `${scene.modal.id}:${scene.modal.hash}:${JSON.stringify(scene.modal.errors ?? {})}`
      : "",
    log: logHtml(scene),
  };
}

export function pageHtml(scene: Scene): string {
  const f = fragments(scene);
  const people = SANDBOX_PEOPLE.map(
    (p) =>
      `<option value="${p.id}"${p.id === scene.user ? " selected" : ""}>${escapeHtml(p.realName)}${p.member ? "" : " (nicht im Team)"}</option>`,
  ).join("");
  return `<!doctype html>
<html lang="de">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>kundenbot – Sandbox</title>
<link rel="icon" href="/favicon.ico" type="image/svg+xml">
<style>${CSS}</style>
</head>
<body data-user="${escapeHtml(scene.user)}">
<header class="topbar">
  <div class="brand"><span class="app-icon" aria-hidden="true">kb</span> kundenbot <span class="sandbox-badge">Sandbox – kein echtes Slack</span></div>
  <div class="controls">
    <label>Angemeldet als <select id="als">${people}</select></label>
    <button type="button" class="tool" data-simulate="inquiry">Anfrage simulieren</button>
    <button type="button" class="tool" data-simulate="invitation">Einladung simulieren</button>
    <button type="button" class="tool" data-reset="1">Zurücksetzen</button>
  </div>
</header>
<div class="layout">
  <nav class="sidebar" aria-label="Arbeitsbereich">
    <div class="workspace">Agentur</div>
    <div class="section-title">Kanäle</div>
    <div class="channel active"># ${SANDBOX_TEAM_CHANNEL.name}</div>
    <div class="section-title">Apps</div>
    <div class="channel">kundenbot</div>
  </nav>
  <main>
    <div class="tabs" role="tablist" aria-label="Ansicht">
      <button type="button" role="tab" id="tab-kanal" aria-controls="panel-kanal" aria-selected="true">Kanal</button>
      <button type="button" role="tab" id="tab-home" aria-controls="panel-home" aria-selected="false" tabindex="-1">Startseite</button>
      <button type="button" role="tab" id="tab-dms" aria-controls="panel-dms" aria-selected="false" tabindex="-1">Direktnachrichten</button>
      <button type="button" role="tab" id="tab-mails" aria-controls="panel-mails" aria-selected="false" tabindex="-1">E-Mails</button>
    </div>
    <section role="tabpanel" id="panel-kanal" aria-labelledby="tab-kanal">
      <div class="channel-head"><b># ${SANDBOX_TEAM_CHANNEL.name}</b> <span>privater Kanal · Mitglieder: Anna Acker, Ben Berger, Carla Conrad, kundenbot</span></div>
      <div id="messages" class="messages">${f.channel}</div>
      <div class="composer"><textarea id="composer" aria-label="Nachricht" rows="1" placeholder="Nachricht an #${SANDBOX_TEAM_CHANNEL.name}, z. B. /kunden hilfe (Enter sendet)"></textarea></div>
    </section>
    <section role="tabpanel" id="panel-home" aria-labelledby="tab-home" hidden><div id="home">${f.home}</div></section>
    <section role="tabpanel" id="panel-dms" aria-labelledby="tab-dms" hidden><div class="channel-head"><b>kundenbot</b> <span>Direktnachrichten an Sie</span></div><div id="dms" class="messages">${f.dms}</div></section>
    <section role="tabpanel" id="panel-mails" aria-labelledby="tab-mails" hidden><div id="mails">${f.mails}</div></section>
  </main>
  <aside class="inspector" aria-label="Protokoll"><details id="log-panel"><summary>Protokoll (JSON) – Betreiberansicht</summary>${operatorNote(scene, "Anfragen an den Bot und seine Web-API-Aufrufe, wie ein Entwickler sie sieht.")}<div id="log">${f.log}</div></details></aside>
</div>
<div id="modal-root" data-key="${escapeHtml(f.modalKey)}">${f.modal}</div>
<script>${SCRIPT}</script>
</body>
</html>`;
}

const CSS = `
*{box-sizing:border-box}body{margin:0;font:15px/1.46 -apple-system,"Segoe UI",Lato,Helvetica,Arial,sans-serif;color:#1d1c1d;background:#fff;height:100vh;display:flex;flex-direction:column;overflow:hidden}
.topbar{display:flex;justify-content:space-between;align-items:center;gap:12px;padding:8px 16px;background:#350d36;color:#fff;flex-wrap:wrap}
.brand{font-weight:700;display:flex;align-items:center;gap:8px}.sandbox-badge{font-weight:400;font-size:12px;background:#ecb22e;color:#1d1c1d;border-radius:4px;padding:2px 6px}
.controls{display:flex;gap:8px;align-items:center;flex-wrap:wrap}.controls label{font-size:13px}.controls select{margin-left:6px}
.tool{background:#fff2;color:#fff;border:1px solid #fff6;border-radius:4px;padding:4px 10px;cursor:pointer}.tool:hover{background:#fff3}
/* The layout fills what the top bar leaves (however high it wraps); only the lists inside scroll. */
.layout{display:grid;grid-template-columns:200px minmax(0,1fr) 320px;grid-template-rows:minmax(0,1fr);flex:1;min-height:0}
.sidebar{background:#3f0e40;color:#cfc3cf;padding:12px 0}.workspace{color:#fff;font-weight:700;padding:0 16px 12px;border-bottom:1px solid #522653}
.section-title{padding:12px 16px 4px;font-size:13px}.channel{padding:4px 16px}.channel.active{background:#1164a3;color:#fff}
main{display:flex;flex-direction:column;min-width:0;min-height:0;overflow:hidden;border-right:1px solid #ddd}
.tabs{display:flex;border-bottom:1px solid #ddd;padding:0 12px}.tabs [role=tab]{background:none;border:0;border-bottom:3px solid transparent;padding:10px 12px;font:inherit;font-weight:700;color:#616061;cursor:pointer}
.tabs [role=tab][aria-selected=true]{color:#1d1c1d;border-color:#1264a3}
[role=tabpanel]{flex:1;display:flex;flex-direction:column;min-height:0}[role=tabpanel][hidden]{display:none}
.channel-head{padding:8px 20px;border-bottom:1px solid #eee}.channel-head span{color:#616061;font-size:13px}
.messages,#home,#mails,#dms{flex:1;overflow-y:auto;overflow-x:hidden;padding:8px 20px;min-height:0}
/* Long words wrap, as in Slack: a 5,000-character word never widens a message or a modal. */
.blocks,.modal-body,.mail,.sk-main,.sk-fields>*,.sk-context>*,.meta,pre,code{overflow-wrap:anywhere;min-width:0}
.sk-main{flex:1}.sk-accessory{flex-shrink:0}
.msg.highlight{background:#fff8e1;box-shadow:inset 3px 0 #ecb22e;transition:background 1s}
.operator-note{background:#fff8e1;border:1px solid #f2d184;border-radius:4px;padding:6px 10px;font-size:13px}
.msg{display:grid;grid-template-columns:40px minmax(0,1fr);column-gap:8px;padding:8px 0;border-bottom:1px solid #f0f0f0}.msg>.blocks,.msg>.thread{grid-column:2}
.avatar{grid-row:span 2;width:36px;height:36px;border-radius:6px;background:#e8912d;color:#fff;font-weight:700;display:flex;align-items:center;justify-content:center;font-size:13px}.avatar.app{background:#2eb67d}
.meta .badge{font-size:10px;background:#ddd;border-radius:2px;padding:0 3px;color:#555}.meta .time,.edited{color:#616061;font-size:12px}
.ephemeral{background:#f8f8f8;border-left:3px solid #1264a3;padding-left:6px}.only-you{grid-column:1/3;font-size:12px;color:#616061}
.thread{border-left:2px solid #ddd;margin-top:6px;padding-left:10px}.thread-count{color:#1264a3;font-size:13px;font-weight:700}.reply{display:grid;grid-template-columns:40px minmax(0,1fr);column-gap:8px;padding:4px 0}.reply .avatar{width:28px;height:28px}
.sk-section{display:flex;gap:12px;justify-content:space-between;margin:4px 0}.sk-accessory .sk-btn{white-space:nowrap}.sk-fields{display:grid;grid-template-columns:minmax(0,1fr) minmax(0,1fr);gap:4px 16px;margin-top:4px}
.sk-actions{display:flex;flex-wrap:wrap;gap:8px;margin:8px 0}.sk-actions select{background:#fff;border:1px solid #bbb;border-radius:4px;padding:4px 8px;font:inherit;font-size:14px;font-weight:700;color:#1d1c1d;min-width:9em;max-width:100%}.sk-context{color:#616061;font-size:13px;display:flex;gap:8px;flex-wrap:wrap;margin:4px 0}
.sk-header{font-size:18px;margin:8px 0 4px}.sk-divider{border:0;border-top:1px solid #ddd;margin:10px 0}
.sk-btn{background:#fff;border:1px solid #bbb;border-radius:4px;padding:4px 12px;font:inherit;font-size:14px;font-weight:700;cursor:pointer;color:#1d1c1d;text-decoration:none;display:inline-block}
.sk-btn.primary{background:#007a5a;border-color:#007a5a;color:#fff}.sk-btn.danger{background:#e01e5a;border-color:#e01e5a;color:#fff}.sk-btn:disabled{opacity:.5}
.mention{background:#e8f5fa;color:#1264a3;border-radius:3px;padding:0 2px}a{color:#1264a3}
code{background:#f6f6f6;border:1px solid #ddd;border-radius:3px;padding:0 3px;color:#e01e5a}pre{background:#f6f6f6;border:1px solid #ddd;border-radius:4px;padding:8px;white-space:pre-wrap}
blockquote{border-left:4px solid #ddd;margin:0;padding-left:8px}
.composer{padding:8px 20px 16px}.composer textarea{width:100%;border:1px solid #bbb;border-radius:8px;padding:10px;font:inherit;resize:none}
.backdrop{position:fixed;inset:0;background:#0006;display:flex;align-items:flex-start;justify-content:center;padding-top:6vh;z-index:10}
.modal{background:#fff;border-radius:8px;width:520px;max-width:95vw;max-height:88vh;display:flex;flex-direction:column;box-shadow:0 18px 48px #0005}
.modal header{display:flex;align-items:center;gap:10px;padding:16px 20px;border-bottom:1px solid #ddd}.modal h2{font-size:20px;margin:0;flex:1}.depth{color:#616061;font-size:12px}
.app-icon{background:#2eb67d;color:#fff;border-radius:6px;font-size:12px;font-weight:700;padding:4px 6px}
.modal-body{padding:12px 20px;overflow:auto}.modal footer{display:flex;justify-content:flex-end;gap:8px;padding:14px 20px;border-top:1px solid #ddd}
.sk-input{margin:10px 0}.sk-label{font-weight:700;margin-bottom:4px}.optional{font-weight:400;color:#616061}
.sk-input input,.sk-input textarea,.sk-input select{width:100%;border:1px solid #bbb;border-radius:4px;padding:7px 8px;font:inherit}.sk-input.invalid input,.sk-input.invalid textarea{border-color:#e01e5a}
.sk-hint{color:#616061;font-size:13px}.sk-error{color:#e01e5a;font-size:13px;margin-top:4px}.external-select{display:flex;flex-direction:column;gap:4px}
.inspector{overflow-y:auto;overflow-x:hidden;padding:8px;font-size:13px;background:#fafafa;min-height:0}.inspector>details>summary{font-weight:700;cursor:pointer}
.inspector h3{font-size:13px;margin:10px 0 4px}.log-entry{border-bottom:1px solid #eee;padding:2px 0}.log-entry summary{cursor:pointer;font-size:12px}.log-entry time{color:#616061;font-variant-numeric:tabular-nums}
.log-entry pre{font:12px/1.4 ui-monospace,Menlo,Consolas,monospace;white-space:pre-wrap;max-height:50vh;overflow-y:auto;margin:4px 0}.log-error{color:#e01e5a;font-weight:700}
.mail{border:1px solid #ddd;border-radius:6px;padding:10px 14px;margin:10px 0}.mail h3{margin:0 0 6px}.mail dl{display:grid;grid-template-columns:60px 1fr;margin:0;font-size:13px}.mail dt{color:#616061}.mail dd{margin:0}
.files{list-style:none;margin:6px 0;padding:0}.file{margin:4px 0}.file-image{display:block;max-width:360px;max-height:240px;border:1px solid #ddd;border-radius:6px;margin-bottom:4px}.file-meta{color:#616061;font-size:12px}
.empty{color:#616061}.unknown{color:#a00}
@media (max-width:1000px){.layout{grid-template-columns:1fr}.sidebar,.inspector{display:none}}
`;

const SCRIPT = `
(() => {
  const user = document.body.dataset.user;
  const post = async (path, body) => {
    const res = await fetch(path, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ user, ...body }) });
    return res.headers.get("content-type")?.includes("json") ? res.json() : {};
  };
  const valuesOf = (root) => {
    const values = {};
    if (!root) return values;
    for (const el of root.querySelectorAll("[data-kind][data-action-id]")) {
      if (el.dataset.suggest || el.tagName === "BUTTON" || el.tagName === "A" || el.closest(".sk-actions")) continue;
      const b = el.dataset.blockId, a = el.dataset.actionId;
      (values[b] ??= {});
      if (el.dataset.external || el.dataset.kind === "static_select") {
        const o = el.selectedOptions[0];
        values[b][a] = o && o.value ? { value: o.value, text: o.textContent } : null;
      } else values[b][a] = el.value;
    }
    return values;
  };
  const where = (el) => {
    const src = el.closest("[data-source]");
    if (!src) return null;
    if (src.dataset.source === "message") return { type: "message", ts: src.dataset.ts, ephemeral: src.dataset.ephemeral === "1" };
    return { type: "view", viewId: src.dataset.viewId, values: valuesOf(src) };
  };
  document.addEventListener("click", async (e) => {
    const t = e.target.closest("button");
    if (!t) return;
    if (t.dataset.simulate) return post("/sandbox/simulate", { kind: t.dataset.simulate });
    if (t.dataset.replyFile) return post("/sandbox/reply", { file: t.dataset.replyFile });
    if (t.dataset.reset) {
      // Zurücksetzen deletes everything the sandbox holds: it asks first.
      if (!confirm("Sandbox zurücksetzen? Alle Nachrichten, Kunden, Anfragen und E-Mails der Sandbox werden gelöscht.")) return;
      return post("/sandbox/reset", {});
    }
    if (t.getAttribute("role") === "tab") return selectTab(t);
    const dialog = t.closest("[role=dialog]");
    if (t.dataset.submit && dialog) {
      t.disabled = true;
      try { await post("/sandbox/submit", { viewId: dialog.dataset.viewId, values: valuesOf(dialog) }); } finally { t.disabled = false; }
      return;
    }
    if (t.dataset.close && dialog) return post("/sandbox/close", { viewId: dialog.dataset.viewId });
    if (t.dataset.actionId !== undefined) {
      const w = where(t);
      if (w) await post("/sandbox/action", { where: w, blockId: t.dataset.blockId, actionId: t.dataset.actionId });
    }
  });
  document.addEventListener("change", (e) => {
    const el = e.target;
    if (el.id === "als") { location.search = "?als=" + encodeURIComponent(el.value); return; }
    // Selects in actions blocks and accessories act at once, as in Slack; inputs wait for the submit.
    if (el.tagName === "SELECT" && el.dataset.actionId !== undefined && (!el.closest(".sk-input") || el.closest(".sk-input[data-dispatch]"))) {
      const w = where(el);
      const o = el.selectedOptions[0];
      if (w && o && o.value) post("/sandbox/action", { where: w, blockId: el.dataset.blockId, actionId: el.dataset.actionId, selected: { value: o.value, text: o.textContent } });
    }
  });
  let suggestTimer;
  document.addEventListener("input", (e) => {
    const el = e.target;
    if (!el.dataset || !el.dataset.suggest) return;
    clearTimeout(suggestTimer);
    suggestTimer = setTimeout(async () => {
      const dialog = el.closest("[data-view-id]");
      const r = await post("/sandbox/suggest", { viewId: dialog.dataset.viewId, blockId: el.dataset.blockId, actionId: el.dataset.actionId, value: el.value });
      const select = el.parentElement.querySelector("select[data-external]");
      select.replaceChildren(new Option("– keine Auswahl –", ""), ...(r.options || []).map((o) => new Option(o.text, o.value)));
      if ((r.options || []).length > 0) select.selectedIndex = 1;
    }, 250);
  });
  // A link to a message of the sandbox (the digest's "Zur Nachricht") jumps to it, as in Slack.
  document.addEventListener("click", (e) => {
    const a = e.target.closest && e.target.closest("a[href]");
    if (!a) return;
    const url = new URL(a.href, location.href);
    const m = /^\\/archives\\/([A-Z0-9]+)\\/p(\\d+)(\\d{6})$/.exec(url.pathname);
    if (url.origin !== location.origin || !m) return;
    e.preventDefault();
    e.stopPropagation();
    jumpTo(m[2] + "." + m[3]);
  }, true);
  function jumpTo(ts) {
    selectTab(document.getElementById("tab-kanal"));
    const target = document.querySelector('#messages article[data-ts="' + CSS.escape(ts) + '"]');
    if (!target) return;
    target.scrollIntoView({ block: "center" });
    target.classList.add("highlight");
    target.tabIndex = -1;
    target.focus({ preventScroll: true });
    setTimeout(() => target.classList.remove("highlight"), 4000);
  }
  // Escape closes the top modal, as in Slack.
  document.addEventListener("keydown", (e) => {
    if (e.key !== "Escape") return;
    const dialog = document.querySelector("#modal-root [role=dialog]");
    if (!dialog) return;
    e.preventDefault();
    post("/sandbox/close", { viewId: dialog.dataset.viewId });
  });
  // A list that shows its newest message stays there when more come (and when its tab is shown again).
  const stick = new Map();
  for (const id of ["messages", "dms"]) {
    const list = document.getElementById(id);
    stick.set(id, true);
    list.addEventListener("scroll", () => {
      if (list.clientHeight > 0) stick.set(id, list.scrollHeight - list.scrollTop - list.clientHeight < 40);
    });
  }
  const toEnd = () => {
    for (const [id, on] of stick) if (on) { const l = document.getElementById(id); l.scrollTop = l.scrollHeight; }
  };
  toEnd();
  const composer = document.getElementById("composer");
  composer.addEventListener("keydown", async (e) => {
    if (e.key !== "Enter" || e.shiftKey || e.isComposing) return;
    e.preventDefault();
    const text = composer.value.trim();
    if (!text) return;
    composer.value = "";
    await post("/sandbox/message", { text });
  });
  function selectTab(tab) {
    for (const t of document.querySelectorAll("[role=tab]")) {
      const on = t === tab;
      t.setAttribute("aria-selected", String(on));
      t.tabIndex = on ? 0 : -1;
      document.getElementById(t.getAttribute("aria-controls")).hidden = !on;
    }
    if (tab.id === "tab-home") post("/sandbox/home", {});
    toEnd();
  }
  async function refresh() {
    const res = await fetch("/sandbox/fragments?als=" + encodeURIComponent(user));
    const f = await res.json();
    const channelChanged = f.channel !== lastChannel;
    lastChannel = f.channel;
    document.getElementById("messages").innerHTML = f.channel;
    document.getElementById("dms").innerHTML = f.dms;
    toEnd();
    // The Startseite follows what happens: while it is shown, a change in the channel reopens it
    // (app_home_opened), so the bot publishes it anew; its own publish changes no message, so this ends.
    if (channelChanged && document.getElementById("tab-home").getAttribute("aria-selected") === "true")
      post("/sandbox/home", {});
    document.getElementById("home").innerHTML = f.home;
    document.getElementById("mails").innerHTML = f.mails;
    const log = document.getElementById("log");
    const open = new Set([...log.querySelectorAll("details[open]")].map((d) => d.dataset.key));
    log.innerHTML = f.log;
    for (const d of log.querySelectorAll("details")) if (open.has(d.dataset.key)) d.open = true;
    const root = document.getElementById("modal-root");
    // The open modal is replaced only when Slack would redraw it (errors, an update, another view);
    // what was typed stays where the view and the input's block_id and action_id stay the same.
    if (root.dataset.key !== f.modalKey) {
      const next = document.createElement("div");
      next.innerHTML = f.modal;
      keepTyped(root.querySelector("[role=dialog]"), next.querySelector("[role=dialog]"));
      root.replaceChildren(...next.childNodes);
      root.dataset.key = f.modalKey;
    }
  }
  // Slack keeps an input's value across errors and views.update while the view (its id), the
  // block_id and the action_id stay; a new initial_value then does not show.
  function keepTyped(from, to) {
    if (!from || !to || from.dataset.viewId !== to.dataset.viewId) return;
    for (const el of to.querySelectorAll("[data-kind][data-action-id]")) {
      if (el.dataset.suggest || el.tagName === "BUTTON" || el.tagName === "A" || el.closest(".sk-actions")) continue;
      const old = from.querySelector('[data-block-id="' + CSS.escape(el.dataset.blockId) + '"][data-action-id="' + CSS.escape(el.dataset.actionId) + '"]:not([data-suggest])');
      if (!old || old.dataset.kind !== el.dataset.kind) continue;
      // An external select's options came from typing: they go along with the chosen one.
      if (old.dataset.external) el.replaceChildren(...[...old.options].map((o) => o.cloneNode(true)));
      el.value = old.value;
    }
  }
  let lastChannel = document.getElementById("messages").innerHTML;
  // One refresh at a time; a change during one triggers exactly one more.
  let running = false, again = false;
  const events = new EventSource("/sandbox/events");
  events.addEventListener("change", async () => {
    if (running) { again = true; return; }
    running = true;
    try { do { again = false; await refresh(); } while (again); } finally { running = false; }
  });
})();
`;
