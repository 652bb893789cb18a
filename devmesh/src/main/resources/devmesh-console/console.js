// devmesh console: polls devmesh's JSON endpoints about once a second and redraws what changed.
// Every piece of data reaches the DOM as a text node (textContent, createTextNode) or an attribute devmesh
// controls; never as markup, so an event id such as <img onerror=…> shows as the text it is.
'use strict';

(() => {
  const POLL_MS = 1000;
  const SOURCES = {
    topology: '/devmesh/topology',
    deliveries: '/devmesh/deliveries?limit=50',
    services: '/devmesh/services',
    brokers: '/devmesh/brokers',
    triggers: '/devmesh/triggers',
    errors: '/devmesh/errors',
  };
  const SVG = 'http://www.w3.org/2000/svg';
  const DELIVERY_CLASS = { delivered: 'ok', 'dead-lettered': 'bad', dropped: 'warn' };
  const SERVICE_CLASS = { ready: 'ok', starting: 'warn', 'scaled-to-zero': 'idle', failed: 'bad', external: 'idle' };

  const lastText = {};
  let seenDeliveries = new Set();
  let firstDeliveries = true;

  /** An element with a class and children: strings become text nodes, null and undefined are skipped. */
  function el(tag, className, ...children) {
    const element = document.createElement(tag);
    if (className) {
      element.className = className;
    }
    for (const child of children) {
      if (child === null || child === undefined) {
        continue;
      }
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return element;
  }

  function cell(value, className) {
    return el('td', className, value === null || value === undefined ? '—' : value);
  }

  function fill(tbody, rows) {
    tbody.replaceChildren(...rows);
  }

  // --- the event-flow graph ---------------------------------------------------------------------------------

  function renderFlow(graph) {
    const flow = document.getElementById('flow');
    const byId = new Map(graph.nodes.map((node) => [node.id, node]));
    const edgesFrom = (id, kind) => graph.edges.filter((edge) => edge.from === id && edge.kind === kind);
    const lanes = [];
    const placed = new Set();

    for (const broker of graph.nodes.filter((node) => node.kind === 'broker')) {
      const triggers = edgesFrom(broker.id, 'trigger').map((edge) => byId.get(edge.to));
      const subscribers = [];
      const addSubscriber = (id) => {
        if (!subscribers.includes(id)) {
          subscribers.push(id);
        }
      };
      triggers.forEach((trigger) => edgesFrom(trigger.id, 'delivery').forEach((edge) => addSubscriber(edge.to)));
      graph.edges.filter((edge) => edge.kind === 'emits' && edge.to === broker.id).forEach((edge) => addSubscriber(edge.from));
      if (triggers.length === 0 && subscribers.length === 0 && !broker.declared) {
        continue;
      }
      const lines = [];
      triggers.forEach((trigger) => lines.push([broker.id, 'brokers', trigger.id, 'triggers']));
      triggers.forEach((trigger) => edgesFrom(trigger.id, 'delivery')
        .forEach((edge) => lines.push([trigger.id, 'triggers', edge.to, 'subscribers'])));

      const lane = el('div', 'lane');
      lane.append(
        el('div', 'column brokers', brokerCard(broker, graph, byId)),
        el('div', 'column triggers', ...triggers.map((trigger) => triggerCard(trigger, graph, byId))),
        el('div', 'column subscribers', ...subscribers.map((id) => subscriberCard(byId.get(id), graph, byId))));
      lane.dataset.lines = JSON.stringify(lines);
      lanes.push(lane);
      placed.add(broker.id);
      triggers.forEach((trigger) => placed.add(trigger.id));
      subscribers.forEach((id) => placed.add(id));
    }
    const others = graph.nodes.filter((node) => !placed.has(node.id) && node.kind !== 'broker');
    if (others.length > 0) {
      const lane = el('div', 'lane others');
      lane.append(el('div', 'column wide', el('h3', null, 'Not subscribed to any broker'),
        ...others.map((node) => subscriberCard(node, graph, byId))));
      lane.dataset.lines = '[]';
      lanes.push(lane);
    }
    if (lanes.length === 0) {
      lanes.push(el('p', 'empty', 'No Broker, Trigger or Knative Service is loaded.'));
    }
    flow.replaceChildren(...lanes);
    drawLines();
  }

  function card(node, kindLabel) {
    const box = el('div', 'node ' + node.kind + (node.declared ? '' : ' undeclared'), el('span', 'kind', kindLabel),
      el('span', 'name', node.label));
    box.dataset.node = node.id;
    if (!node.declared) {
      box.append(el('span', 'note', 'not in the manifests'));
    }
    return box;
  }

  function brokerCard(broker, graph, byId) {
    const box = card(broker, 'Broker');
    if (broker.brokerClass) {
      box.append(el('span', 'detail', broker.brokerClass));
    }
    graph.edges.filter((edge) => edge.from === broker.id && edge.kind === 'dead-letter')
      .forEach((edge) => box.append(el('span', 'detail dead-letter', 'dead letters → ' + byId.get(edge.to).label)));
    return box;
  }

  function triggerCard(trigger, graph, byId) {
    const box = card(trigger, 'Trigger');
    box.append(el('ul', 'filter', ...trigger.filter.map((clause) => el('li', null, el('code', null, clause)))));
    graph.edges.filter((edge) => edge.from === trigger.id && edge.kind === 'delivery' && edge.labels.length > 0)
      .forEach((edge) => box.append(el('span', 'detail', 'path ' + edge.labels.join(' '))));
    graph.edges.filter((edge) => edge.from === trigger.id && edge.kind === 'dead-letter')
      .forEach((edge) => box.append(el('span', 'detail dead-letter', 'dead letters → ' + byId.get(edge.to).label)));
    return box;
  }

  function subscriberCard(node, graph, byId) {
    const kinds = { service: 'Knative Service', broker: 'Broker', endpoint: 'Destination', trigger: 'Trigger' };
    const box = card(node, kinds[node.kind] || node.kind);
    if (node.kind !== 'service') {
      return box;
    }
    const emits = graph.edges.filter((edge) => edge.from === node.id && edge.kind === 'emits');
    if (node.emits === undefined || node.emits === null) {
      box.append(el('span', 'detail muted', 'emits: not declared (cascade.dev/emits)'));
    } else if (emits.length === 0) {
      box.append(el('span', 'detail muted', 'emits nothing'));
    }
    for (const edge of emits) {
      box.append(el('span', 'detail', 'emits to ' + byId.get(edge.to).label + ':'),
        el('ul', 'emits', ...edge.labels.map((type) => el('li', null, el('code', null, type)))));
    }
    return box;
  }

  /** Connects the cards of each lane with SVG curves, once the layout is known. */
  function drawLines() {
    for (const lane of document.querySelectorAll('#flow .lane')) {
      lane.querySelectorAll(':scope > svg').forEach((svg) => svg.remove());
      const pairs = JSON.parse(lane.dataset.lines || '[]');
      const origin = lane.getBoundingClientRect();
      const svg = document.createElementNS(SVG, 'svg');
      svg.setAttribute('class', 'lines');
      svg.setAttribute('width', String(lane.scrollWidth));
      svg.setAttribute('height', String(lane.scrollHeight));
      const find = (id, column) => lane.querySelector(':scope > .' + column + ' > [data-node="' + CSS.escape(id) + '"]');
      for (const [from, fromColumn, to, toColumn] of pairs) {
        const a = find(from, fromColumn);
        const b = find(to, toColumn);
        if (!a || !b) {
          continue;
        }
        const ra = a.getBoundingClientRect();
        const rb = b.getBoundingClientRect();
        const x1 = ra.right - origin.left;
        const y1 = ra.top + ra.height / 2 - origin.top;
        const x2 = rb.left - origin.left;
        const y2 = rb.top + rb.height / 2 - origin.top;
        const bend = Math.max(20, (x2 - x1) / 2);
        const path = document.createElementNS(SVG, 'path');
        path.setAttribute('d', `M ${x1} ${y1} C ${x1 + bend} ${y1}, ${x2 - bend} ${y2}, ${x2} ${y2}`);
        path.setAttribute('class', 'edge');
        path.dataset.from = from;
        path.dataset.to = to;
        svg.append(path);
      }
      lane.prepend(svg);
    }
  }

  // --- tables -----------------------------------------------------------------------------------------------

  function time(iso) {
    const date = new Date(iso);
    return Number.isNaN(date.getTime()) ? iso : date.toLocaleTimeString([], { hour12: false }) + '.'
      + String(date.getMilliseconds()).padStart(3, '0');
  }

  function renderDeliveries(records) {
    const shown = new Set();
    const rows = records.map((record) => {
      const key = [record.eventId, record.source, record.trigger, record.finishedAt].join('\u0000');
      const row = el('tr', (firstDeliveries || seenDeliveries.has(key) ? '' : 'new ') + (DELIVERY_CLASS[record.status] || ''),
        cell(time(record.finishedAt), 'finished'),
        cell(record.eventId, 'event-id'),
        cell(record.type, 'type'),
        cell(record.source, 'source'),
        cell(record.trigger, 'trigger'),
        cell(record.status, 'delivery-status'),
        cell(record.attempts, 'attempts number'),
        cell(record.lastCode < 0 ? 'none' : record.lastCode, 'code number'),
        cell(record.latencyMillis + ' ms', 'latency number'),
        cell(record.traceId, 'trace-id'));
      shown.add(key);
      return row;
    });
    seenDeliveries = shown;
    firstDeliveries = false;
    if (rows.length === 0) {
      rows.push(el('tr', 'empty', el('td', null, 'No delivery yet.')));
      rows[0].firstChild.colSpan = 10;
    }
    fill(document.querySelector('#deliveries tbody'), rows);
  }

  function renderServices(services) {
    const rows = services.map((service) => el('tr', null,
      cell(service.namespace + '/' + service.name, 'service-name'),
      cell(service.url, 'url'),
      el('td', 'state', el('span', 'badge ' + (SERVICE_CLASS[service.state] || ''), service.state)),
      cell(service.revision, 'revision'),
      cell(service.readyInstances + '/' + service.instances, 'instances number'),
      cell(service.inFlight, 'number'),
      cell(service.queued, 'number'),
      cell(service.coldStarts, 'cold-starts number'),
      cell(service.lastColdStartMs === null ? null : service.lastColdStartMs + ' ms', 'number'),
      cell(service.lastError, 'error-text')));
    if (rows.length === 0) {
      rows.push(el('tr', 'empty', el('td', null, 'No Knative Service is loaded.')));
      rows[0].firstChild.colSpan = 10;
    }
    fill(document.querySelector('#services tbody'), rows);
  }

  function renderBrokers(brokers) {
    fill(document.querySelector('#brokers tbody'), brokers.map((broker) => el('tr', null,
      cell(broker.namespace + '/' + broker.name), cell(broker.class), cell(broker.ingressUrl, 'url'))));
  }

  function renderTriggers(triggers) {
    fill(document.querySelector('#triggers tbody'), triggers.map((trigger) => el('tr', trigger.ready ? null : 'bad',
      cell(trigger.namespace + '/' + trigger.name), cell(trigger.broker), el('td', null, el('code', null, trigger.filter)),
      cell(trigger.subscriberUrl, 'url'), cell(trigger.deadLetterSinkUrl, 'url'),
      cell(trigger.ready ? 'ready' : trigger.reason))));
  }

  function renderErrors(errors) {
    const items = errors.map((error) => el('li', null, error));
    fill(document.getElementById('errors'), items.length > 0 ? items : [el('li', 'muted', 'none')]);
  }

  const RENDER = {
    topology: renderFlow,
    deliveries: renderDeliveries,
    services: renderServices,
    brokers: renderBrokers,
    triggers: renderTriggers,
    errors: renderErrors,
  };

  // --- polling ----------------------------------------------------------------------------------------------

  async function text(url) {
    const response = await fetch(url, { cache: 'no-store' });
    if (!response.ok) {
      throw new Error(url + ' answered ' + response.status);
    }
    return response.text();
  }

  function status(message, healthy) {
    const element = document.getElementById('status');
    element.textContent = message;
    element.className = 'status ' + (healthy ? 'ok' : 'bad');
  }

  async function poll() {
    try {
      const keys = Object.keys(SOURCES);
      const texts = await Promise.all(keys.map((key) => text(SOURCES[key])));
      keys.forEach((key, i) => {
        if (texts[i] !== lastText[key]) {
          RENDER[key](JSON.parse(texts[i]));
          lastText[key] = texts[i];
        }
      });
      status('live · updated ' + new Date().toLocaleTimeString([], { hour12: false }), true);
    } catch (error) {
      status('devmesh did not answer (' + error.message + '); retrying', false);
    } finally {
      setTimeout(poll, POLL_MS);
    }
  }

  let resizeTimer;
  window.addEventListener('resize', () => {
    clearTimeout(resizeTimer);
    resizeTimer = setTimeout(drawLines, 100);
  });
  poll();
})();
