// Reads what the Microsoft 365 Agents Playground recorded (--enable-events-recording: one
// pretty-printed JSON item per exchange, separated by "\n---\n") and answers the e2e script's
// questions about what the bot posted to its mock Connector. Node only, no packages.
//
//   count <recording>                          how many items so far
//   dump  <recording> <since>                  the bot's posts after item <since>, one a line
//   find  <recording> <since> <conv> <regex>   exit 0 and print the first post after <since>
//                                              in a conversation starting with <conv> ("-": any)
//                                              whose text matches <regex>; exit 1 if none
//   card  <recording> <since> <conv> <regex>   like find, but print the post as JSON: its message
//                                              id, its buttons (type, verb, data) and input ids
//   invoke <recording> <since>                 exit 0 and print the texts of the last
//                                              adaptiveCard/action the bot answered after <since>
//   get   <json-file> <dotted.path>            one value of a JSON file (the Playground config)
import { existsSync, readFileSync } from "node:fs";

const [mode, file, ...rest] = process.argv.slice(2);

function items() {
  if (!existsSync(file)) return [];
  // The last item may be half written while we read: stop at the first that does not parse.
  const out = [];
  for (const chunk of readFileSync(file, "utf8").split("\n---\n")) {
    if (!chunk.trim()) continue;
    try { out.push(JSON.parse(chunk)); } catch { break; }
  }
  return out;
}

// Every string a reader would see: the text, the summary and the card's texts, titles and values.
function texts(node, acc = []) {
  if (typeof node === "string") acc.push(node);
  else if (Array.isArray(node)) node.forEach((n) => texts(n, acc));
  else if (node && typeof node === "object")
    for (const [k, v] of Object.entries(node))
      if (["text", "summary", "title", "value", "body", "facts", "items", "columns", "attachments", "content"].includes(k)) texts(v, acc);
  return acc;
}

// Posts from the bot: POST /_connector/v3/conversations/{id}/activities[/{replyTo}].
function posts(since) {
  return items().slice(since).flatMap((item) => {
    const url = item.request?.url ?? "";
    const m = /\/v3\/conversations\/([^/]+)\/activities/.exec(url);
    if (!item.direction?.startsWith("User Application") || item.request?.method !== "POST" || !m) return [];
    const text = texts(item.request.body).join(" | ").replace(/\s+/g, " ");
    return [{ conversation: decodeURIComponent(m[1]), text, status: item.response?.statusCode, id: item.response?.body?.id, body: item.request.body }];
  });
}

// Objects of a card whose type starts with a prefix ("Action.", "Input."), depth first.
function typed(node, prefix, acc = []) {
  if (Array.isArray(node)) node.forEach((n) => typed(n, prefix, acc));
  else if (node && typeof node === "object") {
    if (typeof node.type === "string" && node.type.startsWith(prefix)) acc.push(node);
    Object.values(node).forEach((v) => typed(v, prefix, acc));
  }
  return acc;
}

function find(since, conv, pattern) {
  const re = new RegExp(pattern, "u");
  return posts(Number(since)).find((p) => (conv === "-" || p.conversation.startsWith(conv)) && re.test(p.text));
}

switch (mode) {
  case "count":
    console.log(items().length);
    break;
  case "dump":
    for (const p of posts(Number(rest[0]))) console.log(`  [${p.conversation}] ${p.text.slice(0, 160)}`);
    break;
  case "find": {
    const hit = find(...rest);
    if (!hit) process.exit(1);
    console.log(`[${hit.conversation}] ${hit.text.slice(0, 200)}`);
    break;
  }
  case "card": {
    const hit = find(...rest);
    if (!hit) process.exit(1);
    const actions = typed(hit.body.attachments, "Action.").map((a) => ({ type: a.type, title: a.title, verb: a.verb, data: a.data }));
    console.log(JSON.stringify({ id: hit.id, conversation: hit.conversation, actions, inputs: typed(hit.body.attachments, "Input.").map((i) => i.id) }));
    break;
  }
  case "invoke": {
    // The Playground records the invoke it sent and the bot's HTTP answer in one item.
    const hit = items().slice(Number(rest[0])).filter((i) => i.request?.body?.type === "invoke" && i.request.body.name === "adaptiveCard/action").pop();
    if (!hit) process.exit(1);
    const answer = hit.response?.body ?? {};
    console.log(`${answer.type}: ${texts(answer.value).join(" | ").replace(/\s+/g, " ")}${typed(answer.value, "Input.").length ? " [inputs]" : ""}`);
    break;
  }
  case "get": {
    let v = JSON.parse(readFileSync(file, "utf8"));
    for (const key of rest[0].split(".")) v = v?.[/^\d+$/.test(key) ? Number(key) : key];
    if (v === undefined) process.exit(1);
    console.log(typeof v === "string" ? v : JSON.stringify(v));
    break;
  }
  default:
    console.error("usage: playground-replies.mjs count|dump|find|get …");
    process.exit(2);
}
