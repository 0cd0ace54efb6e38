// The chat page: asks over Server-Sent Events, renders [n] markers as buttons that open the
// cited passage highlighted in its document. Plain JS, no build step.
"use strict";

const $ = (id) => document.getElementById(id);
const state = { conversationId: null };

// Reads a text/event-stream body from fetch (EventSource cannot POST a JSON body).
async function* readEvents(response) {
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffer += decoder.decode(value, { stream: true }).replace(/\r\n/g, "\n");
    let cut;
    while ((cut = buffer.indexOf("\n\n")) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let event = "message";
      const data = [];
      for (const line of block.split("\n")) {
        if (line.startsWith("event:")) event = line.slice(6).trim();
        else if (line.startsWith("data:")) data.push(line.slice(5).replace(/^ /, ""));
      }
      if (data.length) yield { event, data: JSON.parse(data.join("\n")) };
    }
  }
}

function filters() {
  const f = {};
  if ($("f-authority").value) f.authority = [$("f-authority").value];
  if ($("f-doctype").value) f.doc_type = [$("f-doctype").value];
  if ($("f-from").value) f.date_from = $("f-from").value;
  if ($("f-to").value) f.date_to = $("f-to").value;
  return Object.keys(f).length ? f : null;
}

// Answer text with each [n] turned into a button for citation n.
function renderAnswer(target, text, citations) {
  target.textContent = "";
  const parts = text.split(/(\[\d+\])/);
  for (const part of parts) {
    const m = part.match(/^\[(\d+)\]$/);
    const cite = m && citations.find((c) => c.n === Number(m[1]));
    if (cite) {
      const b = document.createElement("button");
      b.type = "button";
      b.className = "cite";
      b.textContent = `[${cite.n}]`;
      b.setAttribute("aria-label", `Source ${cite.n}: ${cite.title}`);
      b.addEventListener("click", () => openPassage(cite));
      target.appendChild(b);
    } else {
      target.appendChild(document.createTextNode(part));
    }
  }
}

function addTurn(question) {
  const turn = document.createElement("article");
  turn.className = "turn";
  const q = document.createElement("p");
  q.className = "question";
  q.textContent = question;
  const resolved = document.createElement("p");
  resolved.className = "resolved";
  const answer = document.createElement("p");
  answer.className = "answer";
  const sources = document.createElement("ol");
  sources.className = "sources";
  turn.append(q, resolved, answer, sources);
  $("conversation").appendChild(turn);
  return { turn, resolved, answer, sources };
}

// Everything the search found, not only what the answer quoted: the reader can check what
// else the documents say.
function searchedList(sources) {
  const box = document.createElement("details");
  box.className = "searched";
  const summary = document.createElement("summary");
  summary.textContent = `${sources.length} passages searched`;
  const list = document.createElement("ol");
  for (const s of sources) {
    const li = document.createElement("li");
    const when = s.date ? `, ${s.date}` : "";
    li.textContent = `${s.title}${when} — ${s.section || s.doc_type}`;
    li.title = s.text;
    list.appendChild(li);
  }
  box.append(summary, list);
  return box;
}

// 👍/👎 under an answer, then an optional note; rating again replaces the rating.
function addFeedback(view, conversationId, turn) {
  const bar = document.createElement("div");
  bar.className = "feedback";
  const make = (text, label, cls) => {
    const b = document.createElement("button");
    b.type = "button";
    b.className = `rate ${cls}`;
    b.textContent = text;
    b.setAttribute("aria-label", label);
    b.setAttribute("aria-pressed", "false");
    return b;
  };
  const up = make("👍", "This answer helped", "up");
  const down = make("👎", "This answer is wrong or unhelpful", "down");
  const note = document.createElement("input");
  note.className = "feedback-note";
  note.maxLength = 2000;
  note.placeholder = "What was wrong or missing? (optional)";
  note.setAttribute("aria-label", "Feedback note");
  note.hidden = true;
  const send = make("Send note", "Send the note", "send-note");
  send.hidden = true;
  const status = document.createElement("span");
  status.className = "feedback-status";
  status.setAttribute("role", "status");
  let rating = null;
  const post = async () => {
    status.textContent = "Saving…";
    try {
      const r = await fetch("/v1/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          conversation_id: conversationId,
          turn,
          rating,
          note: note.value.trim() || null,
        }),
      });
      const body = await r.json().catch(() => ({}));
      status.textContent = r.ok ? "Thanks: feedback saved" : `Not saved: ${body.message || r.status}`;
    } catch (error) {
      status.textContent = `Not saved: ${error.message}`;
    }
  };
  for (const [button, value] of [[up, "up"], [down, "down"]]) {
    button.addEventListener("click", () => {
      rating = value;
      up.setAttribute("aria-pressed", String(value === "up"));
      down.setAttribute("aria-pressed", String(value === "down"));
      note.hidden = send.hidden = false;
      post();
    });
  }
  send.addEventListener("click", post);
  note.addEventListener("keydown", (e) => {
    if (e.key === "Enter") {
      e.preventDefault();
      post();
    }
  });
  bar.append(up, down, note, send, status);
  view.turn.appendChild(bar);
}

async function ask(question) {
  const view = addTurn(question);
  $("status").textContent = "Searching the documents…";
  $("ask-button").disabled = true;
  const body = { question, conversation_id: state.conversationId, filters: filters() };
  try {
    const response = await fetch("/v1/ask/stream", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
    if (!response.ok) {
      const err = await response.json().catch(() => ({ message: response.statusText }));
      if (response.status === 404 && state.conversationId) state.conversationId = null;
      throw new Error(err.message || "the service refused the question");
    }
    let citations = [];
    let text = "";
    for await (const { event, data } of readEvents(response)) {
      if (event === "citations") {
        citations = data.citations;
        state.conversationId = data.conversation_id;
        view.resolved.textContent = `Searched: ${data.resolved_query}`;
      } else if (event === "answer") {
        text += data;
        renderAnswer(view.answer, text, citations);
      } else if (event === "done") {
        renderAnswer(view.answer, data.answer, data.citations);
        if (data.abstained) {
          view.answer.classList.add("abstained");
          view.answer.textContent = "Not in the documents: " + data.answer;
        }
        for (const c of data.citations) {
          const li = document.createElement("li");
          li.textContent = `${c.title}${c.date ? `, ${c.date}` : ""} — ${c.section}`;
          view.sources.appendChild(li);
        }
        view.turn.appendChild(searchedList(data.sources || []));
        if (data.turn) addFeedback(view, data.conversation_id, data.turn);
      } else if (event === "error") {
        throw new Error(data.message);
      }
    }
    $("status").textContent = "";
  } catch (error) {
    view.answer.classList.add("abstained");
    view.answer.textContent = `Sorry: ${error.message}`;
    $("status").textContent = "";
  } finally {
    $("ask-button").disabled = false;
  }
}

const documentCache = new Map();

async function openPassage(cite) {
  const panel = $("passage-panel");
  $("passage-title").textContent = cite.title;
  $("passage-meta").textContent = [cite.authority, cite.date, cite.doc_type, cite.section]
    .filter(Boolean)
    .join(" · ");
  const holder = $("document-text");
  holder.textContent = "Loading the document…";
  panel.hidden = false;
  panel.focus();
  if (!documentCache.has(cite.doc_id)) {
    const r = await fetch(`/v1/documents/${encodeURIComponent(cite.doc_id)}`);
    documentCache.set(cite.doc_id, r.ok ? await r.json() : null);
  }
  const doc = documentCache.get(cite.doc_id);
  if (!doc) {
    holder.textContent = cite.text;
    return;
  }
  // Offsets are into the document's stored text; the passage is marked where it stands.
  const mark = document.createElement("mark");
  mark.id = "cited-passage";
  mark.textContent = doc.text.slice(cite.start, cite.end);
  holder.replaceChildren(
    document.createTextNode(doc.text.slice(0, cite.start)),
    mark,
    document.createTextNode(doc.text.slice(cite.end)),
  );
  mark.scrollIntoView({ block: "center" });
}

function closePanel() {
  $("passage-panel").hidden = true;
  $("question").focus();
}

async function loadFilterChoices() {
  const r = await fetch("/v1/documents");
  if (!r.ok) return;
  const body = await r.json();
  const docs = body.documents || body;
  const fill = (select, values) => {
    for (const v of [...new Set(values.filter(Boolean))].sort()) {
      const o = document.createElement("option");
      o.value = o.textContent = v;
      select.appendChild(o);
    }
  };
  fill($("f-authority"), docs.map((d) => d.authority));
  fill($("f-doctype"), docs.map((d) => d.doc_type));
}

$("ask-form").addEventListener("submit", (e) => {
  e.preventDefault();
  const question = $("question").value.trim();
  if (!question) return;
  $("question").value = "";
  ask(question);
});
$("question").addEventListener("keydown", (e) => {
  if (e.key === "Enter" && !e.shiftKey) {
    e.preventDefault();
    $("ask-form").requestSubmit();
  }
});
$("new-conversation").addEventListener("click", () => {
  state.conversationId = null;
  $("conversation").textContent = "";
  $("question").focus();
});
$("close-panel").addEventListener("click", closePanel);
document.addEventListener("keydown", (e) => {
  if (e.key === "Escape" && !$("passage-panel").hidden) closePanel();
});
loadFilterChoices();
