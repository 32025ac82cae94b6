/*
 * Catalog full-text search client.
 *
 * Usage: <div id="catalog-search" data-index="../search/"></div> on a page, and
 * this script (plus catalog-search.css). data-index is the folder written by
 * usefirst.search.build_search_index (format 1, described in
 * tools/usefirst/search/index.py); the query comes from ?q= (search/?q=石墨烯).
 *
 * foldChar, charKind, runs, runTokens and queryPlan implement the tokenisation
 * specified in tools/usefirst/search/tokens.py; change both together.
 *
 * Record text is only ever inserted with textContent / text nodes.
 */
(function () {
  "use strict";

  const META_ORDER = ["unit", "number"];
  const PAGE_SIZE = 10;
  const FACET_VISIBLE = 8;
  const SNIPPET_BEFORE = 24;
  const SNIPPET_LENGTH = 110;
  const DEBOUNCE_MS = 250;
  const COUNT_CAP = 50;

  // ---- tokenisation: mirrors tools/usefirst/search/tokens.py ----

  const CJK_RANGES = [
    [0x3007, 0x3007], [0x3040, 0x30ff], [0x3400, 0x4dbf], [0x4e00, 0x9fff],
    [0xac00, 0xd7af], [0xf900, 0xfaff], [0x20000, 0x2fa1f],
  ];
  const WORD_CHAR = /^[\p{L}\p{N}\p{M}]$/u;

  const folded = new Map(); // snippets fold thousands of characters per page

  function foldChar(ch) {
    let out = folded.get(ch);
    if (out === undefined) {
      out = ch.normalize("NFKC").toLowerCase();
      folded.set(ch, out);
    }
    return out;
  }

  function fold(text) {
    let out = "";
    for (const ch of text) out += foldChar(ch);
    return out;
  }

  function isCjk(ch) {
    const code = ch.codePointAt(0);
    return CJK_RANGES.some((r) => code >= r[0] && code <= r[1]);
  }

  /** "cjk", "word" or null (separator) for a folded character. */
  function charKind(ch) {
    if (isCjk(ch)) return "cjk";
    return WORD_CHAR.test(ch) ? "word" : null;
  }

  function width(kind, length) {
    return kind === "cjk" ? Math.max(1, length - 1) : 1;
  }

  /** Runs {pos, kind, chars} of the folded text (rule 3). */
  function runs(text) {
    const out = [];
    let pos = 0;
    let kind;
    let chars = [];
    const flush = () => {
      if (!chars.length) return;
      if (kind === null) {
        pos += 1;
      } else {
        out.push({ pos: pos, kind: kind, chars: chars });
        pos += width(kind, chars.length);
      }
    };
    for (const ch of fold(text)) {
      const here = charKind(ch);
      if (chars.length && here !== kind) {
        flush();
        chars = [];
      }
      kind = here;
      chars.push(ch);
    }
    flush();
    return out;
  }

  /** Positional tokens [text, pos] of one run: bigrams, or the word. */
  function runTokens(run) {
    if (run.kind === "word") return [[run.chars.join(""), run.pos]];
    const out = [];
    for (let i = 0; i + 1 < run.chars.length; i++) {
      out.push([run.chars[i] + run.chars[i + 1], run.pos + i]);
    }
    return out;
  }

  /** Requirements of one whitespace-free part (rule 5), or null. */
  function queryPart(part) {
    const found = runs(part);
    if (!found.length) return null;
    const base = found[0].pos;
    const out = { chain: [], unigrams: [], prefix: null };
    found.forEach((run, i) => {
      if (run.kind === "word" && i === found.length - 1) {
        out.prefix = run.chars.join("");
      } else if (run.kind === "cjk" && run.chars.length === 1) {
        out.unigrams.push(run.chars[0]);
      } else {
        runTokens(run).forEach((t) => out.chain.push([t[0], t[1] - base]));
      }
    });
    return out;
  }

  /** One requirement object per whitespace-separated part of the query. */
  function queryPlan(query) {
    return fold(query).split(/\s+/).map(queryPart).filter(Boolean);
  }

  // ---- index files (format 1) ----

  async function fetchBytes(url) {
    const res = await fetch(url);
    if (!res.ok) throw new Error(url + ": HTTP " + res.status);
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes[0] !== 0x1f || bytes[1] !== 0x8b) return bytes; // host already unzipped
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  }

  const utf8 = new TextDecoder();

  async function fetchJson(url) {
    return JSON.parse(utf8.decode(await fetchBytes(url)));
  }

  function fnv1a(key) {
    let hash = 0x811c9dc5;
    for (const byte of new TextEncoder().encode(key)) {
      hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
    }
    return hash >>> 0;
  }

  class Reader {
    constructor(bytes, pos) {
      this.bytes = bytes;
      this.pos = pos || 0;
    }
    varint() {
      let value = 0;
      let scale = 1;
      let byte;
      do {
        byte = this.bytes[this.pos++];
        value += (byte & 0x7f) * scale;
        scale *= 128;
      } while (byte & 0x80);
      return value;
    }
    take(n) {
      const out = this.bytes.subarray(this.pos, this.pos + n);
      this.pos += n;
      return out;
    }
  }

  function parseShard(bytes) {
    const entries = new Map();
    const r = new Reader(bytes);
    while (r.pos < bytes.length) {
      const key = utf8.decode(r.take(r.varint()));
      const kind = r.bytes[r.pos++];
      const n = r.varint();
      entries.set(key, { kind: kind, n: n, payload: r.take(r.varint()) });
    }
    return entries;
  }

  /** Positional postings: docs[i] has positions pos[start[i] .. start[i+1]). */
  function decodePositional(entry) {
    const r = new Reader(entry.payload);
    const docs = new Int32Array(entry.n);
    const start = new Int32Array(entry.n + 1);
    const pos = [];
    let doc = -1;
    for (let i = 0; i < entry.n; i++) {
      doc += r.varint() + 1;
      docs[i] = doc;
      start[i] = pos.length;
      const count = r.varint();
      let p = 0;
      for (let j = 0; j < count; j++) {
        p = j === 0 ? r.varint() : p + r.varint();
        pos.push(p);
      }
    }
    start[entry.n] = pos.length;
    return { docs: docs, start: start, pos: Int32Array.from(pos) };
  }

  /** Document-level postings: docs and whether the term is in the title. */
  function decodeDocLevel(entry) {
    const r = new Reader(entry.payload);
    const docs = new Int32Array(entry.n);
    const title = new Uint8Array(entry.n);
    let doc = -1;
    for (let i = 0; i < entry.n; i++) {
      const v = r.varint();
      doc += Math.floor(v / 2) + 1;
      docs[i] = doc;
      title[i] = v & 1;
    }
    return { docs: docs, title: title };
  }

  const EMPTY = { docs: new Int32Array(0), title: new Uint8Array(0) };

  function hasPosition(list, i, p) {
    let lo = list.start[i];
    let hi = list.start[i + 1] - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const v = list.pos[mid];
      if (v === p) return true;
      if (v < p) lo = mid + 1;
      else hi = mid - 1;
    }
    return false;
  }

  class CatalogIndex {
    constructor(baseUrl) {
      this.base = baseUrl;
      this.shards = new Map();
    }

    async load() {
      const parts = await Promise.all([
        fetchJson(new URL("manifest.bin", this.base)),
        fetchBytes(new URL("facets.bin", this.base)),
      ]);
      this.manifest = parts[0];
      if (this.manifest.format !== 1) throw new Error("unknown index format");
      this.count = this.manifest.count;
      this.facets = this.manifest.facets;
      this.readFacets(parts[1]);
    }

    readFacets(bytes) {
      const r = new Reader(bytes);
      const n = this.count;
      this.columns = this.facets.map((facet) => {
        const column = new Uint16Array(n);
        for (let i = 0; i < n; i++) {
          column[i] = facet.width === 2 ? bytes[r.pos] | (bytes[r.pos + 1] << 8) : bytes[r.pos];
          r.pos += facet.width;
        }
        const extras = new Map();
        for (let k = r.varint(); k > 0; k--) {
          const doc = r.varint();
          const value = r.varint();
          if (!extras.has(doc)) extras.set(doc, []);
          extras.get(doc).push(value);
        }
        return { column: column, extras: extras };
      });
      this.titleSpan = r.take(n);
    }

    /** Value ids (1-based) of facet f for a record. */
    values(f, doc) {
      const c = this.columns[f];
      const first = c.column[doc];
      if (!first) return [];
      const more = c.extras.get(doc);
      return more ? [first].concat(more) : [first];
    }

    shard(key) {
      const n = fnv1a(key) % this.manifest.shards;
      if (!this.shards.has(n)) {
        const url = new URL("shards/" + n.toString(16) + ".bin", this.base);
        const loading = fetchBytes(url).then(parseShard);
        loading.catch(() => this.shards.delete(n)); // let a later search retry
        this.shards.set(n, loading);
      }
      return this.shards.get(n);
    }

    async postings(key, positional) {
      const entry = (await this.shard(key)).get(key);
      if (!entry) return positional ? null : EMPTY;
      return positional ? decodePositional(entry) : decodeDocLevel(entry);
    }

    record(doc) {
      return fetchJson(new URL("records/" + doc + ".bin", this.base));
    }

    /** Ranked [{doc, title, count}] for a plan: title matches first. */
    async search(plan) {
      const matched = await Promise.all(plan.map((part) => this.matchPart(part)));
      let hits = matched[0];
      for (let i = 1; i < matched.length && hits.size; i++) {
        const next = new Map();
        hits.forEach((hit, doc) => {
          const other = matched[i].get(doc);
          if (other) {
            next.set(doc, { doc: doc, title: hit.title && other.title,
              count: hit.count + other.count });
          }
        });
        hits = next;
      }
      return Array.from(hits.values()).sort((a, b) =>
        (b.title - a.title) || (Math.min(b.count, COUNT_CAP) - Math.min(a.count, COUNT_CAP)) ||
        (a.doc - b.doc));
    }

    /** Map doc -> {doc, title, count} of records meeting one query part. */
    async matchPart(part) {
      const docLevel = part.unigrams.map((u) => "1" + u);
      if (part.prefix !== null) docLevel.push(">" + part.prefix);
      const lists = await Promise.all(docLevel.map((k) => this.postings(k, false)));
      const chain = await Promise.all(part.chain.map((t) => this.postings(t[0], true)));
      const out = new Map();
      if (chain.some((c) => c === null)) return out;
      const all = chain.concat(lists);
      const smallest = all.reduce((a, b) => (b.docs.length < a.docs.length ? b : a));
      const cursors = all.map(() => 0);
      for (const doc of smallest.docs) {
        const at = all.map((list, i) => seek(list.docs, cursors, i, doc));
        if (at.some((i) => i < 0)) continue;
        let title = lists.every((list, i) => list.title[at[chain.length + i]]);
        let count = 1;
        if (chain.length) {
          const found = this.chainMatches(part.chain, chain, at, doc);
          if (!found.count) continue;
          count = found.count;
          title = title && found.title;
        }
        out.set(doc, { doc: doc, title: title, count: count });
      }
      return out;
    }

    /** Occurrences of the chain in a record, and whether one is in its title. */
    chainMatches(items, lists, at, doc) {
      const first = lists[0];
      const last = items[items.length - 1][1] - items[0][1];
      let count = 0;
      let title = false;
      for (let k = first.start[at[0]]; k < first.start[at[0] + 1]; k++) {
        const p = first.pos[k] - items[0][1];
        const ok = items.every((item, i) => i === 0 || hasPosition(lists[i], at[i], p + item[1]));
        if (!ok) continue;
        count++;
        if (p + items[0][1] + last < this.titleSpan[doc]) title = true;
      }
      return { count: count, title: title };
    }
  }

  /** Index of doc in sorted docs, advancing cursors[i]; -1 if absent. */
  function seek(docs, cursors, i, doc) {
    let c = cursors[i];
    while (c < docs.length && docs[c] < doc) c++;
    cursors[i] = c;
    return c < docs.length && docs[c] === doc ? c : -1;
  }

  // ---- facets: values ORed within a facet, facets ANDed ----

  /**
   * Shown results and, per facet, counts of value ids among the records that
   * pass every other facet's selection (so counts say what ticking a box adds).
   */
  function applyFacets(index, hits, selected) {
    const nf = index.facets.length;
    const counts = index.facets.map(() => new Map());
    const shown = [];
    for (const hit of hits) {
      const values = [];
      let failed = -1;
      let failures = 0;
      for (let f = 0; f < nf; f++) {
        values.push(index.values(f, hit.doc));
        const sel = selected[f];
        if (sel.size && !values[f].some((v) => sel.has(v))) {
          failures++;
          failed = f;
        }
      }
      if (failures > 1) continue;
      if (!failures) shown.push(hit);
      for (let f = 0; f < nf; f++) {
        if (failures && f !== failed) continue;
        values[f].forEach((v) => counts[f].set(v, (counts[f].get(v) || 0) + 1));
      }
    }
    return { shown: shown, counts: counts };
  }

  // ---- snippets: original text, highlighted where it matches ----

  /** Folded part of the query without separators, e.g. "5G 基站" -> ["5g基站"]. */
  function needlesOf(query) {
    return fold(query).split(/\s+/).map((part) =>
      Array.from(part).filter(charKind).join("")).filter(Boolean);
  }

  /** Sorted, merged [start, end) code point ranges of chars matching needles. */
  function matchRanges(chars, needles) {
    const hay = [];
    const origin = [];
    chars.forEach((ch, i) => {
      for (const f of foldChar(ch)) {
        if (!charKind(f)) continue;
        hay.push(f);
        origin.push(i);
      }
    });
    const ranges = [];
    needles.forEach((needle) => {
      const n = Array.from(needle);
      for (let at = indexOfChars(hay, n, 0); at >= 0; at = indexOfChars(hay, n, at + n.length)) {
        ranges.push([origin[at], origin[at + n.length - 1] + 1]);
      }
    });
    return mergeRanges(ranges);
  }

  function indexOfChars(hay, needle, from) {
    outer: for (let i = from; i + needle.length <= hay.length; i++) {
      for (let j = 0; j < needle.length; j++) {
        if (hay[i + j] !== needle[j]) continue outer;
      }
      return i;
    }
    return -1;
  }

  function mergeRanges(ranges) {
    ranges.sort((a, b) => a[0] - b[0]);
    const out = [];
    ranges.forEach((r) => {
      const last = out[out.length - 1];
      if (last && r[0] <= last[1]) last[1] = Math.max(last[1], r[1]);
      else out.push(r.slice());
    });
    return out;
  }

  /** Append chars[start, end) to el, wrapping matched ranges in <mark>. */
  function appendMarked(el, chars, ranges, start, end) {
    let pos = start;
    ranges.forEach((r) => {
      const a = Math.max(r[0], start);
      const b = Math.min(r[1], end);
      if (a >= b) return;
      if (a > pos) el.appendChild(document.createTextNode(chars.slice(pos, a).join("")));
      const mark = document.createElement("mark");
      mark.textContent = chars.slice(a, b).join("");
      el.appendChild(mark);
      pos = b;
    });
    if (pos < end) el.appendChild(document.createTextNode(chars.slice(pos, end).join("")));
  }

  function fillHighlighted(el, text, needles) {
    const chars = Array.from(text || "");
    appendMarked(el, chars, matchRanges(chars, needles), 0, chars.length);
  }

  /** Move start back (a little) so the snippet does not open mid-word (SiC, not iC). */
  function wordStart(chars, start) {
    const inWord = (ch) => ch !== undefined && charKind(foldChar(ch)[0] || "") === "word";
    let s = start;
    while (s > 0 && start - s < 16 && inWord(chars[s]) && inWord(chars[s - 1])) s--;
    return s;
  }

  /** Snippet around the first match in the text, else the excerpt. */
  function fillSnippet(el, record, needles) {
    const chars = Array.from(record.text || "");
    const ranges = matchRanges(chars, needles);
    if (!ranges.length) {
      const excerpt = record.excerpt || chars.slice(0, SNIPPET_LENGTH).join("");
      fillHighlighted(el, excerpt, needles);
      if (Array.from(excerpt).length < chars.length) el.appendChild(document.createTextNode("…"));
      return;
    }
    const start = wordStart(chars, Math.max(0, ranges[0][0] - SNIPPET_BEFORE));
    const end = Math.min(chars.length, start + SNIPPET_LENGTH);
    if (start > 0) el.appendChild(document.createTextNode("…"));
    appendMarked(el, chars, ranges, start, end);
    if (end < chars.length) el.appendChild(document.createTextNode("…"));
  }

  // ---- DOM helpers ----

  function h(tag, attrs, text) {
    const el = document.createElement(tag);
    Object.keys(attrs || {}).forEach((k) => el.setAttribute(k, attrs[k]));
    if (text != null) el.textContent = text;
    return el;
  }

  function clear(el) {
    while (el.firstChild) el.removeChild(el.firstChild);
  }

  let uid = 0;

  // ---- the widget ----

  class CatalogSearch {
    constructor(root) {
      this.root = root;
      this.indexUrl = new URL(root.getAttribute("data-index") || "../search/", document.baseURI);
      this.index = new CatalogIndex(this.indexUrl);
      this.selected = [];
      this.facetOpen = {};
      this.generation = 0;
      this.results = [];
      this.shown = 0;
      this.build();
    }

    build() {
      const id = "cs-" + (++uid);
      clear(this.root);
      this.root.classList.add("cs");
      const form = h("form", { class: "cs-form", role: "search" });
      form.appendChild(h("label", { for: id + "-q", class: "cs-label" }, "搜索成果"));
      const row = h("div", { class: "cs-row" });
      this.input = h("input", {
        id: id + "-q", type: "search", name: "q", autocomplete: "off",
        placeholder: "输入技术关键词，如 锂电池、5G基站、SiC", enterkeyhint: "search",
      });
      row.appendChild(this.input);
      row.appendChild(h("button", { type: "submit", class: "cs-submit" }, "搜索"));
      form.appendChild(row);
      this.status = h("p", { class: "cs-status", role: "status", "aria-live": "polite" });
      const body = h("div", { class: "cs-body" });
      this.facetBox = h("details", { class: "cs-facets" });
      this.facetBox.appendChild(h("summary", {}, "筛选条件"));
      this.facetList = h("div", { class: "cs-facet-list" });
      this.facetBox.appendChild(this.facetList);
      const main = h("div", { class: "cs-main" });
      this.list = h("ol", { class: "cs-results", "aria-label": "搜索结果" });
      this.more = h("button", { type: "button", class: "cs-more", hidden: "" }, "显示更多成果");
      main.appendChild(this.list);
      main.appendChild(this.more);
      body.appendChild(this.facetBox);
      body.appendChild(main);
      [form, this.status, body].forEach((el) => this.root.appendChild(el));
      this.bindEvents(form);
      if (window.matchMedia && window.matchMedia("(min-width: 60em)").matches) {
        this.facetBox.open = true;
      }
    }

    bindEvents(form) {
      let timer = null;
      form.addEventListener("submit", (ev) => {
        ev.preventDefault();
        clearTimeout(timer);
        this.run(true);
      });
      this.input.addEventListener("input", () => {
        clearTimeout(timer);
        timer = setTimeout(() => this.run(true), DEBOUNCE_MS);
      });
      this.more.addEventListener("click", () => this.showMore(this.generation));
    }

    async start() {
      this.input.value = new URLSearchParams(location.search).get("q") || "";
      this.setStatus("正在加载搜索索引…");
      this.root.setAttribute("data-state", "loading");
      try {
        await this.index.load();
      } catch (err) {
        this.fail("搜索暂时不可用，请稍后再试。", err);
        return;
      }
      this.selected = this.index.facets.map(() => new Set());
      await this.run(false);
    }

    fail(message, err) {
      this.setStatus(message);
      this.root.setAttribute("data-state", "error");
      if (window.console) console.error("catalog-search:", err);
    }

    setStatus(text) {
      this.status.textContent = text;
    }

    hasFilters() {
      return this.selected.some((s) => s.size > 0);
    }

    /** Run the current query; resolves when results and counts are shown. */
    async run(updateUrl) {
      const gen = ++this.generation;
      const started = performance.now();
      const query = this.input.value.trim();
      if (updateUrl) this.updateUrl(query);
      const plan = queryPlan(query);
      this.root.setAttribute("data-state", "searching");
      try {
        const hits = plan.length ? await this.index.search(plan) : this.allRecords();
        if (gen !== this.generation) return;
        const faceted = applyFacets(this.index, hits, this.selected);
        this.results = plan.length || this.hasFilters() ? faceted.shown : [];
        this.needles = needlesOf(query);
        this.renderFacets(faceted.counts);
        clear(this.list);
        this.shown = 0;
        this.renderStatus(query, plan.length > 0);
        await this.showMore(gen);
        // Timings for benchmarks: this search, and since the page started loading.
        this.root.setAttribute("data-search-ms", String(Math.round(performance.now() - started)));
        this.root.setAttribute("data-ready-ms", String(Math.round(performance.now())));
      } catch (err) {
        if (gen === this.generation) this.fail("搜索出错，请换个关键词再试。", err);
      }
    }

    allRecords() {
      const out = [];
      for (let doc = 0; doc < this.index.count; doc++) out.push({ doc: doc, title: false, count: 0 });
      return out;
    }

    updateUrl(query) {
      const url = new URL(location.href);
      if (query) url.searchParams.set("q", query);
      else url.searchParams.delete("q");
      history.replaceState(history.state, "", url.href);
    }

    renderStatus(query, searched) {
      const n = this.results.length;
      let state = n ? "results" : "empty";
      if (!searched && !this.hasFilters()) {
        this.setStatus(query ? "请输入汉字、字母或数字。" : "输入技术关键词搜索成果，或选择筛选条件浏览。");
        state = "idle";
      } else if (n) {
        this.setStatus("找到 " + n + " 项成果");
      } else if (query) {
        this.setStatus("没有找到与“" + query + "”相关的成果，请尝试更短或不同的关键词，或减少筛选条件。");
      } else {
        this.setStatus("没有符合筛选条件的成果。");
      }
      this.root.setAttribute("data-state", state);
    }

    async showMore(gen) {
      const batch = this.results.slice(this.shown, this.shown + PAGE_SIZE);
      this.shown += batch.length;
      const records = await Promise.all(batch.map((hit) => this.index.record(hit.doc)));
      if (gen !== this.generation) return;
      records.forEach((record, i) => {
        this.list.appendChild(this.renderResult(record, batch[i].doc));
      });
      if (this.shown < this.results.length) this.more.removeAttribute("hidden");
      else this.more.setAttribute("hidden", "");
      if (this.root.getAttribute("data-state") === "results") {
        this.root.setAttribute("data-state", "done");
      }
    }

    safeHref(href) {
      if (!href) return null;
      const url = new URL(href, this.indexUrl);
      return url.origin === this.indexUrl.origin ? url.href : null;
    }

    renderResult(record, doc) {
      const li = h("li", { class: "cs-result", "data-doc": String(doc) });
      const heading = h("h3", { class: "cs-result-title" });
      const href = this.safeHref(record.href);
      const link = h(href ? "a" : "span", href ? { href: href } : {});
      fillHighlighted(link, record.title || "", this.needles);
      heading.appendChild(link);
      li.appendChild(heading);
      const details = metaLine(record.meta || {});
      if (details) li.appendChild(h("p", { class: "cs-result-meta" }, details));
      const snippet = h("p", { class: "cs-snippet" });
      fillSnippet(snippet, record, this.needles);
      li.appendChild(snippet);
      return li;
    }

    // ---- facets ----

    renderFacets(counts) {
      const focused = document.activeElement;
      const focusId = focused && focused.getAttribute && focused.getAttribute("data-focus-id");
      clear(this.facetList);
      this.index.facets.forEach((facet, f) => {
        const box = this.renderFacet(facet, f, counts[f]);
        if (box) this.facetList.appendChild(box);
      });
      if (focusId) {
        const again = this.facetList.querySelector('[data-focus-id="' + CSS.escape(focusId) + '"]');
        if (again) again.focus();
      }
    }

    facetValues(f, counts) {
      const sel = this.selected[f];
      const ids = Array.from(counts.keys()).filter((v) => counts.get(v) > 0 || sel.has(v));
      sel.forEach((v) => { if (ids.indexOf(v) < 0) ids.push(v); });
      const names = this.index.facets[f].values;
      return ids.sort((a, b) => (counts.get(b) || 0) - (counts.get(a) || 0) ||
        names[a - 1].localeCompare(names[b - 1], "zh-Hans-CN"));
    }

    renderFacet(facet, f, counts) {
      const ids = this.facetValues(f, counts);
      if (!ids.length) return null;
      const set = h("fieldset", { class: "cs-facet", "data-facet": facet.key });
      set.appendChild(h("legend", {}, facet.label));
      const open = this.facetOpen[facet.key];
      ids.forEach((v, i) => {
        if (open || i < FACET_VISIBLE) set.appendChild(this.renderOption(facet, f, v, counts.get(v) || 0));
      });
      if (ids.length > FACET_VISIBLE) set.appendChild(this.facetToggle(facet.key, ids.length));
      return set;
    }

    renderOption(facet, f, v, count) {
      const id = "cs-f-" + (++uid);
      const value = facet.values[v - 1];
      const row = h("div", { class: "cs-option" });
      const box = h("input", { type: "checkbox", id: id, value: value,
        "data-focus-id": facet.key + ":" + v });
      box.checked = this.selected[f].has(v);
      const label = h("label", { for: id });
      label.appendChild(h("span", { class: "cs-value" }, value));
      label.appendChild(h("span", { class: "cs-count", "aria-label": count + " 项" }, String(count)));
      row.appendChild(box);
      row.appendChild(label);
      box.addEventListener("change", () => {
        if (box.checked) this.selected[f].add(v);
        else this.selected[f].delete(v);
        this.run(false);
      });
      return row;
    }

    facetToggle(key, total) {
      const open = !!this.facetOpen[key];
      const btn = h("button", { type: "button", class: "cs-facet-toggle",
        "data-focus-id": key + ":toggle", "aria-expanded": String(open) },
      open ? "收起" : "显示全部（" + total + "）");
      btn.addEventListener("click", () => {
        this.facetOpen[key] = !open;
        this.run(false);
      });
      return btn;
    }
  }

  function metaLine(meta) {
    const rank = (k) => (META_ORDER.indexOf(k) < 0 ? META_ORDER.length : META_ORDER.indexOf(k));
    const keys = Object.keys(meta).filter((k) => meta[k]);
    keys.sort((a, b) => rank(a) - rank(b) || (a < b ? -1 : 1));
    return keys.map((k) => String(meta[k])).join(" · ");
  }

  function mount(root) {
    if (!root || root.getAttribute("data-mounted")) return null;
    root.setAttribute("data-mounted", "1");
    const widget = new CatalogSearch(root);
    root.catalogSearch = widget;
    widget.start();
    return widget;
  }

  function mountAll() {
    mount(document.getElementById("catalog-search"));
  }

  window.CatalogSearchTokens = { fold: fold, queryPlan: queryPlan, runs: runs, fnv1a: fnv1a };
  if (window.document$ && typeof window.document$.subscribe === "function") {
    // Material for MkDocs instant navigation swaps pages without reloading scripts.
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
