// The sync console: the Overview (connections and recent sync health), Sync activity (runs and
// their records) and Rate limits, read from /api/activity. Every value from the API is set with
// textContent, never as HTML. Times come in UTC and are shown in the browser's time zone.
'use strict';

const state = { view: 'overview', direction: 'all', page: 0, size: 25, run: null, recordsPage: 0, operator: false,
	applied: null };
const VIEWS = ['overview', 'activity', 'rate-limits'];
// How often the page asks for new and changed runs (live updates).
const REFRESH_MILLIS = 4000;
const phone = window.matchMedia('(max-width: 760px)');
const timeFormat = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });

const $ = (id) => document.getElementById(id);

function element(tag, text, className) {
	const node = document.createElement(tag);
	if (text !== undefined && text !== null) {
		node.textContent = String(text);
	}
	if (className) {
		node.className = className;
	}
	return node;
}

// A name and its value (text or a node) in a list of facts.
function addFact(facts, name, value) {
	facts.appendChild(element('dt', name));
	const dd = element('dd');
	if (value instanceof Node) {
		dd.appendChild(value);
	}
	else {
		dd.textContent = value;
	}
	facts.appendChild(dd);
}

// A table's head of column headers; the numeric ones align right.
function tableHead(names, numeric) {
	const row = element('tr');
	for (const name of names) {
		const th = element('th', name, numeric.includes(name) ? 'num' : '');
		th.scope = 'col';
		row.appendChild(th);
	}
	const head = element('thead');
	head.appendChild(row);
	return head;
}

function cell(row, text, label, className) {
	const td = element('td', text, className);
	td.dataset.label = label;
	row.appendChild(td);
	return td;
}

// Whether an answer is the one last rendered in a place: a refresh then leaves the page as it
// is, and the keyboard and screen readers where they were. While a run is in progress it is
// rendered again every 10 seconds anyway, so that its duration moves on.
const rendered = {};
function unchanged(place, answer) {
	const text = JSON.stringify(answer);
	const key = text + (text.includes('"In progress"') ? Math.floor(Date.now() / 10000) : '');
	if (rendered[place] === key) {
		return true;
	}
	rendered[place] = key;
	return false;
}

function localTime(iso) {
	return iso ? timeFormat.format(new Date(iso)) : '—';
}

function duration(seconds, startedAt) {
	if (seconds === null || seconds === undefined) {
		return startedAt ? 'running for ' + duration((Date.now() - new Date(startedAt)) / 1000) : '—';
	}
	if (seconds < 60) {
		return (Math.round(seconds * 10) / 10) + ' s';
	}
	const minutes = Math.floor(seconds / 60);
	if (minutes < 60) {
		return minutes + ' min ' + Math.round(seconds % 60) + ' s';
	}
	return Math.floor(minutes / 60) + ' h ' + (minutes % 60) + ' min';
}

function badge(status) {
	const span = element('span', status, 'badge badge-' + status.toLowerCase().replace(/\s+/g, '-'));
	return span;
}

// A datetime-local value for a Date, in the browser's time zone.
function localInput(date) {
	const pad = (n) => String(n).padStart(2, '0');
	return date.getFullYear() + '-' + pad(date.getMonth() + 1) + '-' + pad(date.getDate()) + 'T'
		+ pad(date.getHours()) + ':' + pad(date.getMinutes()) + ':' + pad(date.getSeconds());
}

function filterParameters() {
	const parameters = new URLSearchParams();
	parameters.set('direction', state.direction);
	for (const name of ['from', 'to']) {
		const value = $(name).value;
		if (value) {
			parameters.set(name, new Date(value).toISOString().replace(/\.\d{3}Z$/, 'Z'));
		}
	}
	for (const name of ['objectType', 'operation', 'status']) {
		if ($(name).value) {
			parameters.set(name, $(name).value);
		}
	}
	if ($('problems').checked) {
		parameters.set('problems', 'true');
	}
	return parameters;
}

// The filters as last applied: live updates keep to them while the user edits the form.
function appliedParameters() {
	if (!state.applied) {
		state.applied = filterParameters();
	}
	return new URLSearchParams(state.applied);
}

function applyFilters() {
	state.applied = filterParameters();
	state.page = 0;
	return loadRuns();
}

async function api(path) {
	const response = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin' });
	if (response.redirected || response.status === 401) {
		window.location.assign('/login');
		throw new Error('Please sign in again.');
	}
	if (!response.ok) {
		let detail = response.status + ' ' + response.statusText;
		try {
			detail = (await response.json()).detail || detail;
		}
		catch (ignored) {
			// not JSON
		}
		throw new Error(detail);
	}
	return response.json();
}

// State-changing calls carry the XSRF-TOKEN cookie's value in the X-XSRF-TOKEN header.
async function post(path, body) {
	const cookie = document.cookie.split('; ').find((pair) => pair.startsWith('XSRF-TOKEN='));
	const token = cookie ? decodeURIComponent(cookie.substring('XSRF-TOKEN='.length)) : '';
	const headers = { 'X-XSRF-TOKEN': token, Accept: 'application/json' };
	if (body) {
		headers['Content-Type'] = 'application/json';
	}
	const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers,
		body: body ? JSON.stringify(body) : undefined });
	let message = response.status + ' ' + response.statusText;
	let json = null;
	try {
		json = await response.json();
		message = json.message || json.detail || message;
	}
	catch (ignored) {
		// not JSON
	}
	return { ok: response.ok, message, json };
}

// An operator's reconcile of one object type: every Id compared with Salesforce, and
// what inbound missed repaired.
async function reconcile(entry) {
	const result = await post('/api/runs',
		{ job: entry.objectType + '-reconcile', parameters: { connection: entry.connectionId } });
	$('health-action-result').textContent = result.ok
		? 'Reconciling ' + entry.objectLabel + ' with Salesforce: run ' + result.json.id + '.'
		: result.message;
	if (result.ok) {
		loadRuns();
	}
}

// "Select errors → Resync": an outbound run's failed changes are queued again; an inbound
// run's failed records are read again by Id by the object type's next run, started now.
async function resync() {
	const run = state.runInfo;
	const result = await post('/api/activity/runs/' + run.id + '/resync');
	let message = result.message;
	if (result.ok && run.direction !== 'outbound') {
		const started = await post('/api/runs',
			{ job: run.objectType + '-inbound', parameters: { connection: run.connectionId } });
		message += started.ok ? ' Run ' + started.json.id + ' started.'
			: ' The next scheduled run reads them (' + started.message + ').';
	}
	$('run-action-result').textContent = message;
	if (result.ok) {
		loadRuns();
	}
}

async function loadMe() {
	const me = await api('/api/activity/me');
	state.operator = me.operator;
	$('who').textContent = 'Signed in as ' + me.username;
	$('sign-out').hidden = false;
}

async function runAction(action) {
	const result = await post('/api/activity/runs/' + state.run + '/' + action);
	$('run-action-result').textContent = result.message;
	if (result.ok) {
		loadRuns();
		loadHealth();
	}
}

function showProblem(error) {
	const problem = $('problem');
	problem.textContent = error ? error.message : '';
	problem.hidden = !error;
}

async function loadFilters() {
	const filters = await api('/api/activity/filters');
	for (const option of filters.objectTypes) {
		const node = element('option', option.label);
		node.value = option.value;
		$('objectType').appendChild(node);
	}
	for (const option of filters.operations) {
		const node = element('option', option.label);
		node.value = option.value;
		$('operation').appendChild(node);
	}
	for (const status of filters.statuses) {
		const node = element('option', status);
		node.value = status;
		$('status').appendChild(node);
	}
}

// A loader's requests are numbered: an answer that arrives after a newer request of the same
// loader was made (a refresh in flight when the filters change, or another run opened) is
// dropped, not rendered over the newer one. The returned function says whether it is current.
const requests = {};
function newRequest(loader) {
	const id = (requests[loader] || 0) + 1;
	requests[loader] = id;
	return () => requests[loader] === id;
}

async function loadRuns() {
	const current = newRequest('runs');
	const parameters = appliedParameters();
	parameters.set('direction', state.direction);
	$('export').href = '/api/activity/errors.csv?' + new URLSearchParams(parameters);
	parameters.set('sort', $('sort').value);
	parameters.set('page', state.page);
	parameters.set('size', state.size);
	let page;
	try {
		page = await api('/api/activity/runs?' + parameters);
		if (!current()) {
			return;
		}
		showProblem(null);
	}
	catch (error) {
		if (current()) {
			showProblem(error);
		}
		return;
	}
	if (unchanged('runs', [page, parameters.toString()])) {
		return;
	}
	// A refresh keeps the keyboard where it was: on the same run's View button.
	const focused = document.activeElement && document.activeElement.closest('#runs-body tr');
	const focusedRun = focused ? focused.dataset.run : null;
	const body = $('runs-body');
	body.replaceChildren();
	for (const run of page.items) {
		body.appendChild(runRow(run));
	}
	if (focusedRun) {
		const again = body.querySelector('tr[data-run="' + focusedRun + '"] button.view');
		if (again) {
			again.focus();
		}
	}
	const empty = page.total === 0;
	// "No sync activity yet" only when there is none at all, not when the filters exclude it.
	const anyActivity = empty && (await api('/api/activity/runs?size=1&from=1970-01-01T00:00:00Z')).total > 0;
	$('empty').hidden = !empty || anyActivity;
	$('no-match').hidden = !anyActivity;
	$('runs').hidden = empty;
	$('pager').hidden = empty;
	const first = page.page * page.size + 1;
	const last = page.page * page.size + page.items.length;
	$('page-info').textContent = empty ? '' : 'Runs ' + first + '–' + last + ' of ' + page.total;
	$('previous').disabled = page.page === 0;
	$('next').disabled = last >= page.total;
}

// One run: a table row on screens, a compact card on phones (activity.css).
function runRow(run) {
	const row = element('tr');
	row.dataset.run = run.id;
	row.className = 'run-' + run.status.toLowerCase().replace(/\s+/g, '-');
	const started = cell(row, '', 'Started at', 'started');
	const time = element('time', localTime(run.startedAt));
	if (run.startedAt) {
		time.dateTime = run.startedAt;
	}
	started.appendChild(time);
	cell(row, run.endedAt ? localTime(run.endedAt) : '—', 'Ended at', 'ended');
	const what = cell(row, '', 'Object', 'stack object');
	what.appendChild(element('span', run.objectLabel, 'object-label'));
	what.appendChild(element('span', run.description, 'description'));
	what.appendChild(element('span', windowText(run), 'window'));
	cell(row, run.operations.join(', ') || '—', 'Operation', 'operations');
	cell(row, '', 'Status', 'status').appendChild(badge(run.status));
	cell(row, run.counts.created, 'New', 'num');
	cell(row, run.counts.updated, 'Updated', 'num');
	cell(row, run.counts.deleted, 'Deleted', 'num');
	cell(row, run.counts.failed, 'Failed', 'num' + (run.counts.failed > 0 ? ' attention' : ''));
	cell(row, run.counts.skipped, 'Skipped', 'num');
	cell(row, duration(run.durationSeconds, run.startedAt), 'Duration', 'duration');
	// On phones the five counts are one line.
	cell(row, run.counts.created + ' new · ' + run.counts.updated + ' updated · ' + run.counts.deleted
		+ ' deleted · ' + run.counts.failed + ' failed · ' + run.counts.skipped + ' skipped', '', 'compact-counts');
	const view = element('button', 'View', 'view');
	view.type = 'button';
	view.setAttribute('aria-label', 'View run ' + run.id + ': ' + run.description + ', ' + localTime(run.startedAt));
	view.addEventListener('click', () => openRun(run.id, view));
	cell(row, '', '', 'open').appendChild(view);
	return row;
}

function windowText(run) {
	const window = run.window;
	if (window.from && window.to) {
		const from = window.from.startsWith('1970-') ? 'the beginning' : localTime(window.from);
		return 'Salesforce changes from ' + from + ' to ' + localTime(window.to);
	}
	if (window.outboxFrom !== null && window.outboxTo !== null && window.outboxFrom !== undefined) {
		return 'App changes ' + window.outboxFrom + '–' + window.outboxTo;
	}
	return '';
}

async function loadHealth() {
	let health;
	try {
		health = await api('/api/activity/health');
	}
	catch (error) {
		$('health-summary').textContent = error.message;
		return;
	}
	if (unchanged('health', [health, state.operator])) {
		return;
	}
	const list = $('health-list');
	// A refresh keeps the keyboard on the same control of the card.
	const focused = list.contains(document.activeElement) ? focusKey(document.activeElement) : null;
	list.replaceChildren();
	const summary = $('health-summary');
	if (health.lastRuns.length === 0) {
		summary.textContent = 'No sync activity yet';
		summary.className = '';
		$('health-details').hidden = true;
		return;
	}
	$('health-details').hidden = false;
	const labels = (entries) => [...new Set(entries.map((entry) => entry.objectLabel))].join(', ');
	const failing = health.lastRuns.filter((entry) => entry.failing);
	const failedRecords = health.lastRuns.filter((entry) => entry.problems && !entry.failing);
	const running = health.lastRuns.filter((entry) => entry.lastRun.status === 'In progress');
	const sentences = [];
	if (failing.length > 0) {
		sentences.push('Failing: ' + labels(failing) + '. Open the failed run to see the cause and what to do.');
	}
	if (failedRecords.length > 0) {
		sentences.push('Records failed in the last run of: ' + labels(failedRecords) + '.');
	}
	if (running.length > 0) {
		sentences.push('Syncing… ' + running.length + (running.length === 1 ? ' run' : ' runs') + ' in progress.');
	}
	if (sentences.length === 0) {
		sentences.push('Every object type\'s last run completed.');
	}
	summary.textContent = sentences.join(' ');
	summary.className = (failing.length + failedRecords.length) > 0 ? 'attention' : running.length > 0 ? 'running' : 'ok';
	$('health-toggle').textContent = 'Each object type (' + health.lastRuns.length + ')';
	for (const entry of health.lastRuns) {
		const item = element('li', null, entry.failing ? 'failing' : entry.problems ? 'warning' : '');
		item.appendChild(element('span', entry.objectLabel + ' · ' + entry.direction, 'health-object'));
		item.appendChild(badge(entry.lastRun.status));
		const when = element('span', localTime(entry.lastRun.startedAt), 'health-time');
		item.appendChild(when);
		if (entry.lastCheckedAt) {
			// A poll that found no change is not a run: it shows here, not in the runs list.
			item.appendChild(element('span', 'Last checked ' + localTime(entry.lastCheckedAt), 'health-checked'));
		}
		if (entry.problems) {
			const failed = entry.lastRun.counts.failed;
			const problems = element('button', entry.failing ? 'Show runs with problems'
				: failed + (failed === 1 ? ' record failed' : ' records failed') + ': show runs with problems', 'link problems-link');
			problems.type = 'button';
			problems.addEventListener('click', () => showProblems(entry));
			item.appendChild(problems);
		}
		const view = element('button', 'View', 'view');
		view.type = 'button';
		view.setAttribute('aria-label', 'View the last ' + entry.direction + ' run of ' + entry.objectLabel);
		view.addEventListener('click', () => openRun(entry.lastRun.id, view));
		item.appendChild(view);
		if (state.operator && entry.direction === 'inbound') {
			const repair = element('button', 'Reconcile', 'reconcile');
			repair.type = 'button';
			repair.setAttribute('aria-label', 'Reconcile ' + entry.objectLabel + ' with Salesforce');
			repair.title = 'Compare every record with Salesforce and repair what was missed';
			repair.addEventListener('click', () => reconcile(entry));
			item.appendChild(repair);
		}
		list.appendChild(item);
	}
	if (focused) {
		const again = [...list.querySelectorAll('button')].find((button) => focusKey(button) === focused);
		if (again) {
			again.focus();
		}
	}
}

function focusKey(control) {
	const item = control.closest('li');
	return (item ? item.firstChild.textContent : '') + '|' + (control.getAttribute('aria-label') || control.textContent);
}

// The health card's link: the runs list filtered to the object type's runs with problems.
function showProblems(entry) {
	$('objectType').value = entry.objectType;
	$('operation').value = '';
	$('status').value = '';
	$('problems').checked = true;
	const tab = $('tab-' + entry.direction);
	for (const other of document.querySelectorAll('#tabs [role=tab]')) {
		other.setAttribute('aria-selected', String(other === tab));
		other.tabIndex = other === tab ? 0 : -1;
	}
	state.direction = entry.direction;
	selectView('activity', false);
	applyFilters();
	$('runs-heading').focus();
}

async function openRun(id, opener) {
	state.run = id;
	state.recordsPage = 0;
	state.opener = opener;
	$('outcome').value = '';
	let detail;
	try {
		detail = await api('/api/activity/runs/' + id);
	}
	catch (error) {
		showProblem(error);
		return;
	}
	renderRun(detail);
	$('run-action-result').textContent = '';
	$('export-run').href = '/api/activity/errors.csv?run=' + id + '&from=1970-01-01T00:00:00Z';
	await loadRecords();
	const dialog = $('run-dialog');
	if (!dialog.open) {
		dialog.showModal();
	}
	$('close-run').focus();
}

// The open run again, while it is in progress: its counts and duration as chunks commit.
async function refreshOpenRun() {
	if (!$('run-dialog').open || state.run === null || state.runStatus !== 'In progress') {
		return;
	}
	const id = state.run;
	const detail = await api('/api/activity/runs/' + id);
	if (state.run === id && $('run-dialog').open) {
		renderRun(detail);
	}
}

function renderRun(detail) {
	const run = detail.run;
	state.runStatus = run.status;
	$('run-title').textContent = run.description;
	const summary = $('run-summary');
	summary.replaceChildren();
	const facts = element('dl', null, 'facts');
	const fact = (name, value) => addFact(facts, name, value);
	fact('Status', badge(run.status));
	fact('Object', run.objectLabel);
	fact('Operations', run.operations.join(', ') || '—');
	if (run.completedBy) {
		const healed = element('button', (run.continued ? 'Continued in run ' : 'Completed on retry: run ')
			+ run.completedBy, 'link');
		healed.type = 'button';
		healed.id = 'completed-by';
		healed.addEventListener('click', () => openRun(run.completedBy, state.opener));
		fact('Then', healed);
	}
	fact('Started', localTime(run.startedAt));
	fact('Ended', localTime(run.endedAt));
	fact('Duration', duration(run.durationSeconds, run.startedAt));
	fact('Window', windowText(run) || '—');
	fact('Connection', run.connectionId);
	fact('Records', run.counts.created + ' created, ' + run.counts.updated + ' updated, ' + run.counts.deleted
		+ ' deleted, ' + run.counts.skipped + ' skipped, ' + run.counts.failed + ' failed');
	summary.appendChild(facts);
	const failure = $('run-failure');
	failure.replaceChildren();
	failure.hidden = !run.failure;
	if (run.failure) {
		failure.appendChild(element('p', run.failure.message + ': ' + run.failure.explanation, 'failure-cause'));
		const whatToDo = element('p', 'What to do: ' + run.failure.whatToDo + ' ');
		// The advice names the Overview or Rate limits: it links there.
		for (const [words, view, label] of [['Overview tab', 'overview', 'Open the Overview'],
			['Rate limits', 'rate-limits', 'Open Rate limits']]) {
			if (run.failure.whatToDo.includes(words)) {
				const link = element('a', label, 'advice-link');
				link.href = '#' + view;
				link.addEventListener('click', () => $('run-dialog').close());
				whatToDo.appendChild(link);
			}
		}
		failure.appendChild(whatToDo);
		// What Salesforce or the database said: when the API usage is read again, or the
		// real cause under "Unknown error" (a deadlock, a timeout).
		const detail = run.failure.detail || '';
		const at = detail.indexOf('Detail: ');
		if (detail) {
			failure.appendChild(element('p', at >= 0 ? detail.substring(at) : 'Detail: ' + detail, 'failure-detail'));
		}
	}
	$('run-actions').hidden = !state.operator;
	$('stop-run').hidden = run.status !== 'In progress';
	// A run whose work a restart completed has nothing left to restart.
	$('restart-run').hidden = (run.status !== 'Failed' && run.status !== 'Incomplete') || !!run.completedBy;
	$('resync-run').hidden = run.counts.failed === 0 || run.status === 'In progress';
	state.runInfo = run;
	const steps = $('steps-body');
	steps.replaceChildren();
	for (const step of detail.steps) {
		const row = element('tr');
		const operation = cell(row, step.operation, 'Operation');
		if (step.note) {
			operation.appendChild(element('div', step.note, 'step-note'));
		}
		cell(row, '', 'Status').appendChild(badge(step.status));
		cell(row, step.counts.created, 'New', 'num');
		cell(row, step.counts.updated, 'Updated', 'num');
		cell(row, step.counts.deleted, 'Deleted', 'num');
		cell(row, step.counts.failed, 'Failed', 'num');
		cell(row, step.counts.skipped, 'Skipped', 'num');
		cell(row, duration(step.durationSeconds, step.startedAt), 'Duration');
		steps.appendChild(row);
	}
}

async function loadRecords() {
	const parameters = new URLSearchParams({ page: state.recordsPage, size: 50 });
	if ($('outcome').value) {
		parameters.set('outcome', $('outcome').value);
	}
	const current = newRequest('records');
	const page = await api('/api/activity/runs/' + state.run + '/records?' + parameters);
	if (!current()) {
		return;
	}
	const body = $('records-body');
	body.replaceChildren();
	for (const record of page.items) {
		const row = element('tr');
		cell(row, '', 'Status').appendChild(badge(record.status));
		const who = cell(row, '', 'Record', 'stack');
		if (record.label) {
			who.appendChild(element('span', record.label, 'record-label'));
		}
		if (record.salesforceUrl) {
			const link = element('a', record.salesforceId, 'mono');
			link.href = record.salesforceUrl;
			link.target = '_blank';
			link.rel = 'noopener noreferrer';
			link.setAttribute('aria-label', 'Open ' + (record.label || record.salesforceId) + ' in Salesforce');
			who.appendChild(link);
		}
		else {
			who.appendChild(element('span', record.salesforceId || '—', 'mono'));
		}
		const message = cell(row, '', 'Message', 'stack');
		message.appendChild(element('span', record.message, 'message'));
		if (record.explanation) {
			message.appendChild(element('span', record.explanation, 'explanation'));
		}
		if (record.detail && record.status !== 'Success') {
			// What Salesforce (or the record) said, under the catalog's message.
			message.appendChild(element('span', (record.field ? 'Field ' + record.field + '. ' : '')
				+ 'Detail: ' + record.detail, 'explanation record-detail'));
		}
		if (record.waitsFor) {
			message.appendChild(element('span', 'Waiting for ' + record.waitsFor
				+ ': the next runs try it again, and sync it once it has arrived.', 'explanation waiting'));
		}
		if (record.syncedIn) {
			const synced = element('button', 'Synced in run ' + record.syncedIn + ' once its parent arrived', 'link');
			synced.type = 'button';
			synced.className = 'link synced-in';
			const opener = state.opener;
			synced.addEventListener('click', () => openRun(record.syncedIn, opener));
			message.appendChild(synced);
		}
		cell(row, record.appId ?? '—', 'App id', 'mono');
		cell(row, localTime(record.externalCreatedAt), 'Created in Salesforce');
		cell(row, localTime(record.externalUpdatedAt), 'Updated in Salesforce');
		body.appendChild(row);
	}
	$('records-empty').hidden = page.total > 0;
	$('records').hidden = page.total === 0;
	const first = page.page * page.size + 1;
	const last = page.page * page.size + page.items.length;
	$('records-info').textContent = page.total === 0 ? '' : 'Records ' + first + '–' + last + ' of ' + page.total;
	$('records-previous').disabled = page.page === 0;
	$('records-next').disabled = last >= page.total;
}

function selectTab(tab, focus) {
	for (const other of document.querySelectorAll('#tabs [role=tab]')) {
		const selected = other === tab;
		other.setAttribute('aria-selected', String(selected));
		other.tabIndex = selected ? 0 : -1;
	}
	if (focus) {
		tab.focus();
	}
	state.direction = tab.dataset.direction;
	state.page = 0;
	loadRuns();
}

// Arrow keys, Home and End move between the tabs of a tab list.
function arrowKeys(tabs, select) {
	tabs.forEach((tab, index) => {
		tab.addEventListener('click', () => select(tab, false));
		tab.addEventListener('keydown', (event) => {
			const moves = { ArrowRight: 1, ArrowLeft: -1 };
			if (event.key in moves) {
				event.preventDefault();
				select(tabs[(index + moves[event.key] + tabs.length) % tabs.length], true);
			}
			else if (event.key === 'Home' || event.key === 'End') {
				event.preventDefault();
				select(tabs[event.key === 'Home' ? 0 : tabs.length - 1], true);
			}
		});
	});
}

function viewOfHash() {
	const view = window.location.hash.substring(1);
	return VIEWS.includes(view) ? view : 'overview';
}

// Shows one of the three views; the address's #overview, #activity or #rate-limits names it.
function selectView(view, focus) {
	state.view = view;
	for (const name of VIEWS) {
		const tab = $('view-' + name);
		tab.setAttribute('aria-selected', String(name === view));
		tab.tabIndex = name === view ? 0 : -1;
		$('panel-' + name).hidden = name !== view;
		if (name === view && focus) {
			tab.focus();
		}
	}
	if (window.location.hash !== '#' + view) {
		history.replaceState(null, '', '#' + view);
	}
	refreshView().catch(showProblem);
}

// What the view shows, read again: on opening it, and every few seconds while it is open.
function refreshView() {
	switch (state.view) {
		case 'activity':
			return Promise.all([loadRuns(), refreshOpenRun()]);
		case 'rate-limits':
			return loadRateLimits();
		default:
			return Promise.all([loadOverview(), loadHealth(), refreshOpenRun()]);
	}
}

const STATUS_CLASSES = { 'Connected': 'completed', 'Needs reconnect': 'failed', 'Paused': 'stopped',
	'API limit reached': 'failed', 'Not signed in yet': 'in-progress' };

async function loadOverview() {
	const cards = await api('/api/activity/overview');
	if (unchanged('overview', [cards, state.operator])) {
		return;
	}
	const list = $('connections');
	const focused = list.contains(document.activeElement) ? focusKey(document.activeElement) : null;
	list.replaceChildren();
	$('connections-empty').hidden = cards.length > 0;
	for (const card of cards) {
		const section = element('section', null, 'card connection');
		section.dataset.connection = card.id;
		section.setAttribute('aria-label', 'Connection ' + card.name);
		const head = element('div', null, 'connection-head');
		head.appendChild(element('h3', card.name));
		const status = element('span', card.status, 'badge badge-' + (STATUS_CLASSES[card.status] || 'stopped'));
		status.classList.add('connection-status');
		head.appendChild(status);
		section.appendChild(head);
		if (card.status === 'API limit reached' && card.apiLimitUntil) {
			section.appendChild(element('p', 'API limit reached until ' + localTime(card.apiLimitUntil) + '.',
				'attention limit-until'));
		}
		if (card.whatToDo) {
			section.appendChild(element('p', card.whatToDo, 'what-to-do'));
		}
		const facts = element('dl', null, 'facts');
		const fact = (name, value) => addFact(facts, name, value);
		if (card.org) {
			const org = element('a', card.org);
			org.href = card.org;
			org.target = '_blank';
			org.rel = 'noopener noreferrer';
			fact('Org', org);
		}
		else {
			fact('Org', '— (known after the first sign-in)');
		}
		fact('Integration user', card.integrationUser || '—');
		fact('Signed in', card.signedInAt ? localTime(card.signedInAt) : 'not yet');
		section.appendChild(facts);
		const synced = element('details', null, 'last-syncs');
		const done = card.objects.filter((object) => object.at).length;
		synced.appendChild(element('summary', 'Last successful sync, by object type (' + done + ' of '
			+ card.objects.length + ' synced)'));
		const table = element('table', null, 'runs last-sync-table');
		table.appendChild(tableHead(['Object', 'Direction', 'Last successful sync'], []));
		const tbody = element('tbody');
		for (const object of card.objects) {
			const row = element('tr');
			cell(row, object.objectLabel, 'Object');
			cell(row, object.direction, 'Direction');
			cell(row, object.at ? localTime(object.at) : 'Not yet', 'Last successful sync');
			tbody.appendChild(row);
		}
		table.appendChild(tbody);
		synced.appendChild(table);
		section.appendChild(synced);
		const actions = element('div', null, 'run-actions');
		const reconnect = element('button', 'Reconnect Salesforce', 'reconnect');
		reconnect.type = 'button';
		reconnect.setAttribute('aria-label', 'Reconnect Salesforce for ' + card.name);
		reconnect.addEventListener('click', () => connectionAction(card, 'test'));
		actions.appendChild(reconnect);
		if (state.operator) {
			const paused = card.status === 'Paused';
			const toggle = element('button', paused ? 'Resume' : 'Pause', 'secondary ' + (paused ? 'resume' : 'pause'));
			toggle.type = 'button';
			toggle.setAttribute('aria-label', (paused ? 'Resume ' : 'Pause ') + card.name);
			toggle.addEventListener('click', () => connectionAction(card, paused ? 'resume' : 'pause'));
			actions.appendChild(toggle);
		}
		section.appendChild(actions);
		list.appendChild(section);
	}
	if (focused) {
		const again = [...list.querySelectorAll('button, a, summary')].find((control) => focusKey(control) === focused);
		if (again) {
			again.focus();
		}
	}
}

// Reconnect (the connection test: a fresh sign-in and one call), Pause or Resume.
async function connectionAction(card, action) {
	$('overview-result').textContent = (action === 'test' ? 'Reconnecting ' : action === 'pause' ? 'Pausing '
		: 'Resuming ') + card.name + '…';
	const result = await post('/api/connections/' + encodeURIComponent(card.id) + '/' + action);
	let message;
	if (action === 'test') {
		message = result.json && result.json.message ? result.json.message : result.message;
		message = card.name + ': ' + message;
		if (result.ok && result.json && result.json.ok === false && card.authFlow === 'REFRESH_TOKEN'
			&& String(result.json.message).startsWith('Authentication failure')) {
			// Its refresh token no longer works: the integration user signs in at Salesforce
			// and allows sfsync again (the OAuth web-server flow), and comes back here.
			$('overview-result').textContent = message + ' Sign in to Salesforce as the integration user to'
				+ ' allow sfsync again…';
			window.location.assign('/api/connections/' + encodeURIComponent(card.id) + '/oauth/authorize');
			return;
		}
	}
	else {
		message = result.ok ? card.name + (action === 'pause' ? ' is paused: no run starts until it is resumed.'
			: ' is resumed: its runs start on their schedules again.') : result.message;
	}
	$('overview-result').textContent = message;
	await loadOverview();
}

const KIND_LABELS = { query: 'Query', bulk: 'Bulk API', collections: 'Collections', describe: 'Describe',
	limits: 'Limits', other: 'Other' };
const KIND_COLOURS = { query: '#0b5cad', bulk: '#7a4b00', collections: '#17663a', describe: '#6b3fa0',
	limits: '#a4161a', other: '#566073' };

async function loadRateLimits() {
	const connections = await api('/api/activity/rate-limits');
	if (unchanged('rate-limits', connections)) {
		return;
	}
	const root = $('rate-limits');
	root.replaceChildren();
	if (connections.length === 0) {
		root.appendChild(element('p', 'No Salesforce connection yet.'));
	}
	for (const limits of connections) {
		const section = element('section', null, 'card limits');
		section.dataset.connection = limits.connectionId;
		section.appendChild(element('h3', limits.name));
		if (limits.used !== null && limits.max) {
			const share = limits.used / limits.max;
			section.appendChild(element('p', limits.used.toLocaleString() + ' of ' + limits.max.toLocaleString()
				+ ' API calls used in the org\'s last 24 hours (' + Math.round(share * 100) + ' %), as Salesforce reported at '
				+ localTime(limits.reportedAt) + '.', 'usage'));
			const meter = element('div', null, 'usage-bar');
			meter.setAttribute('role', 'img');
			meter.setAttribute('aria-label', Math.round(share * 100) + ' % of the daily allocation used');
			const fill = element('div', null, share >= limits.totalShare ? 'usage-fill over' : 'usage-fill');
			fill.style.width = Math.min(100, share * 100) + '%';
			meter.appendChild(fill);
			const mark = element('div', null, 'usage-mark');
			mark.style.left = (limits.totalShare * 100) + '%';
			meter.appendChild(mark);
			section.appendChild(meter);
		}
		else {
			section.appendChild(element('p', 'Salesforce reports the usage with each call: none yet.', 'usage'));
		}
		section.appendChild(element('p', 'A run stops once it has used ' + Math.round(limits.perRunShare * 100)
			+ ' % of the daily allocation, and no run calls Salesforce while the org has used '
			+ Math.round(limits.totalShare * 100) + ' % of it.', 'thresholds'));
		if (limits.stoppedUntil) {
			section.appendChild(element('p', 'Runs are stopped for the API budget. sfsync reads the usage again at '
				+ localTime(limits.stoppedUntil) + ', and runs resume once it is below the budget.', 'attention next-check'));
		}
		section.appendChild(element('h4', 'sfsync\'s calls, last 24 hours'));
		section.appendChild(chart(limits.hours, (start) => new Date(start).getHours() + ':00', 'hour'));
		section.appendChild(element('h4', 'sfsync\'s calls, last 5 days'));
		section.appendChild(chart(limits.days, (start) => new Date(start).toLocaleDateString(undefined,
			{ month: 'short', day: 'numeric', timeZone: 'UTC' }), 'day'));
		section.appendChild(legend());
		section.appendChild(element('h4', 'By object type'));
		const table = element('table', null, 'runs calls-table');
		table.appendChild(tableHead(['Object', 'Kind', 'Last 24 hours', 'Last 5 days'], ['Last 24 hours',
			'Last 5 days']));
		const body = element('tbody');
		for (const object of limits.objects) {
			for (const kind of Object.keys(KIND_LABELS)) {
				if (!object.last5Days[kind]) {
					continue;
				}
				const row = element('tr');
				cell(row, object.objectLabel, 'Object');
				cell(row, KIND_LABELS[kind], 'Kind');
				cell(row, object.last24Hours[kind], 'Last 24 hours', 'num');
				cell(row, object.last5Days[kind], 'Last 5 days', 'num');
				body.appendChild(row);
			}
		}
		if (!body.firstChild) {
			const row = element('tr');
			cell(row, 'No calls in the last 5 days.', '').colSpan = 4;
			body.appendChild(row);
		}
		table.appendChild(body);
		section.appendChild(table);
		root.appendChild(section);
	}
}

// A small stacked bar chart of calls by kind: one bar a period, its total in its label.
function chart(buckets, label, unit) {
	const ns = 'http://www.w3.org/2000/svg';
	const width = 720;
	const height = 120;
	const max = Math.max(1, ...buckets.map((bucket) => bucket.total));
	const svg = document.createElementNS(ns, 'svg');
	svg.setAttribute('viewBox', '0 0 ' + width + ' ' + (height + 18));
	svg.setAttribute('class', 'calls-chart');
	svg.setAttribute('role', 'img');
	const total = buckets.reduce((sum, bucket) => sum + bucket.total, 0);
	svg.setAttribute('aria-label', total + ' calls, by ' + unit + ': '
		+ buckets.map((bucket) => label(bucket.start) + ' ' + bucket.total).join(', '));
	const slot = width / buckets.length;
	buckets.forEach((bucket, index) => {
		let y = height;
		for (const kind of Object.keys(KIND_LABELS)) {
			const calls = bucket.calls[kind] || 0;
			if (calls === 0) {
				continue;
			}
			const h = calls / max * (height - 4);
			const rect = document.createElementNS(ns, 'rect');
			rect.setAttribute('x', String(index * slot + slot * 0.15));
			rect.setAttribute('width', String(slot * 0.7));
			rect.setAttribute('y', String(y - h));
			rect.setAttribute('height', String(h));
			rect.setAttribute('fill', KIND_COLOURS[kind]);
			const title = document.createElementNS(ns, 'title');
			title.textContent = label(bucket.start) + ': ' + calls + ' ' + KIND_LABELS[kind];
			rect.appendChild(title);
			svg.appendChild(rect);
			y -= h;
		}
		if (buckets.length <= 7 || index % 3 === 0) {
			const text = document.createElementNS(ns, 'text');
			text.setAttribute('x', String(index * slot + slot / 2));
			text.setAttribute('y', String(height + 14));
			text.setAttribute('text-anchor', 'middle');
			text.setAttribute('class', 'chart-label');
			text.textContent = label(bucket.start);
			svg.appendChild(text);
		}
	});
	return svg;
}

function legend() {
	const list = element('ul', null, 'legend');
	for (const [kind, name] of Object.entries(KIND_LABELS)) {
		const item = element('li');
		const swatch = element('span', null, 'swatch');
		swatch.style.background = KIND_COLOURS[kind];
		item.appendChild(swatch);
		item.appendChild(document.createTextNode(name));
		list.appendChild(item);
	}
	return list;
}

function wire() {
	$('zone').textContent = Intl.DateTimeFormat().resolvedOptions().timeZone;
	$('from').value = localInput(new Date(Date.now() - 5 * 24 * 3600 * 1000));
	arrowKeys(Array.from(document.querySelectorAll('#tabs [role=tab]')), selectTab);
	arrowKeys(Array.from(document.querySelectorAll('#views [role=tab]')),
		(tab, focus) => selectView(tab.dataset.view, focus));
	window.addEventListener('hashchange', () => selectView(viewOfHash(), false));
	$('filters').addEventListener('submit', (event) => {
		event.preventDefault();
		applyFilters();
	});
	$('sort').addEventListener('change', () => {
		state.page = 0;
		loadRuns();
	});
	$('previous').addEventListener('click', () => {
		state.page = Math.max(0, state.page - 1);
		loadRuns();
	});
	$('next').addEventListener('click', () => {
		state.page += 1;
		loadRuns();
	});
	$('outcome').addEventListener('change', () => {
		state.recordsPage = 0;
		loadRecords();
	});
	$('records-previous').addEventListener('click', () => {
		state.recordsPage = Math.max(0, state.recordsPage - 1);
		loadRecords();
	});
	$('records-next').addEventListener('click', () => {
		state.recordsPage += 1;
		loadRecords();
	});
	$('close-run').addEventListener('click', () => $('run-dialog').close());
	$('run-dialog').addEventListener('close', () => {
		// The list may have been refreshed since: the same run's View button then.
		const again = document.querySelector('#runs-body tr[data-run="' + state.run + '"] button.view');
		if (state.opener && document.body.contains(state.opener)) {
			state.opener.focus();
		}
		else if (again) {
			again.focus();
		}
	});
	$('stop-run').addEventListener('click', () => runAction('stop'));
	$('restart-run').addEventListener('click', () => runAction('restart'));
	$('resync-run').addEventListener('click', resync);
	$('sign-out').addEventListener('click', async () => {
		await post('/logout');
		window.location.assign('/login?logout');
	});
	// Back from Salesforce's sign-in (the web-server flow): what came of it.
	if (new URLSearchParams(window.location.search).has('reconnect')) {
		history.replaceState(null, '', window.location.pathname + window.location.hash);
		api('/api/connections/oauth/outcome').then((outcome) => {
			if (outcome.message) {
				$('overview-result').textContent = (outcome.connection || 'Salesforce') + ': ' + outcome.message;
			}
		}).catch(showProblem);
	}
	// On phones the health card is its summary line until opened.
	$('health-details').open = !phone.matches;
	phone.addEventListener('change', () => {
		$('health-details').open = !phone.matches;
	});
	// The cards offer operators their controls, so they wait to know who is signed in.
	const me = loadMe().catch(showProblem);
	loadFilters().catch(showProblem).finally(() => {
		state.filtersLoaded = true;
		me.finally(() => selectView(viewOfHash(), false));
	});
	// Live updates: new and changed runs, the health card and an open run in progress.
	let refreshing = false;
	window.setInterval(async () => {
		if (refreshing || document.hidden) {
			return;
		}
		refreshing = true;
		try {
			await refreshView();
		}
		catch (error) {
			showProblem(error);
		}
		finally {
			refreshing = false;
		}
	}, REFRESH_MILLIS);
}

document.addEventListener('DOMContentLoaded', wire);
