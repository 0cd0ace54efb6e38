// Inspection QA widget for intranet pages. One line:
//   <script src="https://qa.example/widget.js" data-question="What did Ofsted say about care leavers in Calderdale?" data-mode="fixed"></script>
// data-mode="fixed" shows the answer to data-question; "live" adds a question box.
// A custom element with a shadow root, so the page's styles and ours never mix.
(function () {
  "use strict";
  const script = document.currentScript;
  const API = new URL(script ? script.src : "/widget.js", location.href).origin;

  const STYLE = `
    :host { all: initial; display: block; font: 15px/1.5 system-ui, sans-serif; color: #1d2733; }
    .box { border: 1px solid #d6dde5; border-radius: 8px; padding: 0.75rem 1rem; background: #fff; max-width: 40rem; }
    .title { font-weight: 600; margin: 0 0 0.4rem; }
    .answer { margin: 0.4rem 0; }
    .abstained { color: #8a4b00; }
    .error { color: #a00; }
    ol { margin: 0.4rem 0 0; padding-left: 1.2rem; font-size: 0.85rem; color: #5a6775; }
    form { display: flex; gap: 0.4rem; }
    input { flex: 1; font: inherit; padding: 0.35rem; border: 1px solid #d6dde5; border-radius: 4px; }
    button { font: inherit; padding: 0.35rem 0.8rem; border-radius: 4px; border: 1px solid #1d5fa8; background: #1d5fa8; color: #fff; cursor: pointer; }
    sup { color: #1d5fa8; }
    details { font-size: 0.85rem; color: #5a6775; margin-top: 0.3rem; }
    [hidden] { display: none !important; }
    .feedback { display: flex; flex-wrap: wrap; gap: 0.3rem; align-items: center; margin-top: 0.4rem; font-size: 0.85rem; }
    .feedback button { background: #fff; color: #1d2733; border-color: #d6dde5; padding: 0.1rem 0.5rem; }
    .feedback button[aria-pressed=true] { border-color: #1d5fa8; background: #e8f0fa; }
    .feedback input { min-width: 8rem; }
    .feedback .status { color: #5a6775; }
  `;

  class InspectionQaAnswer extends HTMLElement {
    connectedCallback() {
      if (this.shadowRoot) return;
      const root = this.attachShadow({ mode: "open" });
      const mode = this.getAttribute("mode") || "fixed";
      root.innerHTML = `<style>${STYLE}</style><div class="box" part="box">
        <p class="title">Ask about Ofsted inspections</p>
        ${mode === "live" ? '<form><input aria-label="Question" maxlength="2000"><button>Ask</button></form>' : ""}
        <p class="answer" role="status"></p><ol class="cited"></ol>
        <details><summary>Passages searched</summary><ol class="searched"></ol></details>
        <div class="feedback" hidden>
          <button type="button" class="up" aria-label="This answer helped" aria-pressed="false">👍</button>
          <button type="button" class="down" aria-label="This answer is wrong or unhelpful" aria-pressed="false">👎</button>
          <input class="note" maxlength="2000" aria-label="Feedback note" placeholder="What was wrong? (optional)" hidden>
          <button type="button" class="send" hidden>Send note</button>
          <span class="status" role="status"></span>
        </div></div>`;
      const question = this.getAttribute("question");
      if (mode === "live") {
        const input = root.querySelector("input");
        input.value = question || "";
        root.querySelector("form").addEventListener("submit", (e) => {
          e.preventDefault();
          if (input.value.trim()) this.ask(input.value.trim());
        });
      }
      const bar = root.querySelector(".feedback");
      for (const cls of ["up", "down"]) {
        bar.querySelector(`.${cls}`).addEventListener("click", () => {
          this.rating = cls;
          bar.querySelector(".up").setAttribute("aria-pressed", String(cls === "up"));
          bar.querySelector(".down").setAttribute("aria-pressed", String(cls === "down"));
          bar.querySelector(".note").hidden = bar.querySelector(".send").hidden = false;
          this.sendFeedback();
        });
      }
      bar.querySelector(".send").addEventListener("click", () => this.sendFeedback());
      if (question) this.ask(question);
    }

    // 👍/👎 on the answer shown, with the note if one was typed; a new rating replaces it.
    async sendFeedback() {
      const bar = this.shadowRoot.querySelector(".feedback");
      const status = bar.querySelector(".status");
      if (!this.answered) return;
      status.textContent = "Saving…";
      try {
        const r = await fetch(`${API}/v1/feedback`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({
            ...this.answered,
            rating: this.rating,
            note: bar.querySelector(".note").value.trim() || null,
          }),
        });
        const body = await r.json().catch(() => ({}));
        status.textContent = r.ok ? "Thanks: feedback saved" : `Not saved: ${body.message || r.status}`;
      } catch (error) {
        status.textContent = `Not saved: ${error.message}`;
      }
    }

    async ask(question) {
      const root = this.shadowRoot;
      const answer = root.querySelector(".answer");
      const list = root.querySelector("ol.cited");
      const searched = root.querySelector("ol.searched");
      const bar = root.querySelector(".feedback");
      answer.className = "answer";
      answer.textContent = "Searching…";
      list.textContent = "";
      bar.hidden = true;
      this.answered = null;
      try {
        const r = await fetch(`${API}/v1/ask`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ question }),
        });
        const body = await r.json();
        if (!r.ok) throw new Error(body.message || r.statusText);
        answer.textContent = "";
        for (const part of body.answer.split(/(\[\d+\])/)) {
          const node = /^\[\d+\]$/.test(part) ? document.createElement("sup") : null;
          if (node) node.textContent = part;
          answer.appendChild(node || document.createTextNode(part));
        }
        if (body.abstained) answer.classList.add("abstained");
        for (const c of body.citations) {
          const li = document.createElement("li");
          const a = document.createElement("a");
          a.href = `${API}/v1/documents/${encodeURIComponent(c.doc_id)}`;
          a.textContent = c.title;
          a.target = "_blank";
          li.appendChild(a);
          list.appendChild(li);
        }
        searched.textContent = "";
        for (const s of body.sources || []) {
          const li = document.createElement("li");
          li.textContent = `${s.title}${s.date ? `, ${s.date}` : ""}`;
          searched.appendChild(li);
        }
        if (body.turn) {
          this.answered = { conversation_id: body.conversation_id, turn: body.turn };
          bar.querySelector(".status").textContent = "";
          for (const b of bar.querySelectorAll("button[aria-pressed]")) b.setAttribute("aria-pressed", "false");
          bar.hidden = false;
        }
      } catch (error) {
        answer.className = "answer error";
        answer.textContent = `The answer service is not available here: ${error.message}`;
      }
    }
  }

  if (!customElements.get("inspection-qa-answer")) {
    customElements.define("inspection-qa-answer", InspectionQaAnswer);
  }
  // The one-line form: the script tag's data attributes become an element right after it.
  if (script && script.dataset.question !== undefined && !script.dataset.mounted) {
    script.dataset.mounted = "1";
    const el = document.createElement("inspection-qa-answer");
    el.setAttribute("question", script.dataset.question || "");
    el.setAttribute("mode", script.dataset.mode || "fixed");
    script.after(el);
  }
})();
