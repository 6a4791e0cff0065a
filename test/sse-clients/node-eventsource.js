// Connects with the `eventsource` package (as seed 003's Node consumers do), with the API key in the
// x-api-key header, and prints each event as one JSON line {id, data} until `count` events arrived.
// Usage: node node-eventsource.js <url> <apiKey> <count> [lastEventId]
const EventSource = require('eventsource');

const [url, apiKey, count, lastEventId] = process.argv.slice(2);
let seen = 0;
const headers = { 'x-api-key': apiKey };
if (lastEventId) headers['Last-Event-ID'] = lastEventId;
const source = new EventSource(url, { headers });
source.onopen = () => console.error('open');
source.onmessage = (event) => {
  console.log(JSON.stringify({ id: event.lastEventId, data: JSON.parse(event.data) }));
  if (++seen >= Number(count)) { source.close(); process.exit(0); }
};
source.onerror = (err) => console.error('error', err && err.message ? err.message : JSON.stringify(err));
setTimeout(() => { console.error(`timeout after ${seen} events`); process.exit(2); }, 120000);
