// Keywork dashboard: a plain ES module, no build step. Talks only to the gateway's /api with the bearer token from
// the login (kept in sessionStorage: gone when the tab closes). Hash routes:
//   #/login  #/overview  #/starred  #/projects  #/items/{itemId}  #/inbox  #/report
// Live updates: the open page reloads its data every 15 s (EventSource cannot send the Authorization header) and
// right after the user's own actions.

const YEAR = 2021;
const POLL_MS = 15000;
const TOKEN_KEY = 'keywork.token';

const STATUS = {
	GREEN: '正常',
	YELLOW: '预警',
	RED: '滞后',
	DONE: '完成',
	NOT_STARTED: '未开始',
};
const STATUS_ORDER = ['GREEN', 'YELLOW', 'RED', 'DONE', 'NOT_STARTED'];
const STATUS_COLOR = { GREEN: '#2e9d5b', YELLOW: '#e0a100', RED: '#d64541', DONE: '#2f6fd6', NOT_STARTED: '#9aa3ad' };
const ALERT_STATUS = { OPEN: '待确认', ACKNOWLEDGED: '已确认', RESOLVED: '已解除' };
const ROLE_LABEL = { DEPARTMENT: '部门填报员', LEADER: '区领导', SUPERVISOR: '督查人员', ADMIN: '系统管理员' };
const QUALITATIVE_STATES = { NOT_STARTED: '未开始', ON_TRACK: '按计划推进', AT_RISK: '存在风险', BLOCKED: '受阻', DONE: '已完成' };
const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];

const view = document.getElementById('view');
let charts = [];
let pollTimer = null;
let renderSeq = 0;

// ---------------------------------------------------------------- session

function token() {
	return sessionStorage.getItem(TOKEN_KEY);
}

/** The signed-in user, read from the token's claims (the gateway verifies the token; this only shows it). */
function user() {
	const jwt = token();
	if (!jwt) {
		return null;
	}
	try {
		const payload = jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/');
		const bytes = Uint8Array.from(atob(payload), (c) => c.charCodeAt(0));
		const claims = JSON.parse(new TextDecoder().decode(bytes));
		if (claims.exp && claims.exp * 1000 < Date.now()) {
			return null;
		}
		return { ...claims, roles: claims.roles || [] };
	} catch (e) {
		return null;
	}
}

function has(u, ...roles) {
	return !!u && roles.some((r) => u.roles.includes(r));
}

function logout() {
	sessionStorage.removeItem(TOKEN_KEY);
	location.hash = '#/login';
}

// ---------------------------------------------------------------- API

class ApiError extends Error {
	constructor(status, problem) {
		super((problem && (problem.detail || problem.title)) || ('请求失败（HTTP ' + status + '）'));
		this.status = status;
		this.problem = problem;
	}
}

async function api(path, options = {}) {
	const headers = { Accept: 'application/json', ...(options.headers || {}) };
	const jwt = token();
	if (jwt) {
		headers.Authorization = 'Bearer ' + jwt;
	}
	const response = await fetch(path, { ...options, headers });
	if (response.status === 401 && !path.startsWith('/api/auth/')) {
		sessionStorage.removeItem(TOKEN_KEY);
		location.hash = '#/login';
		throw new ApiError(401, { detail: '登录已过期，请重新登录。' });
	}
	const text = await response.text();
	let body = null;
	if (text) {
		try {
			body = JSON.parse(text);
		} catch (e) {
			body = { detail: text };
		}
	}
	if (!response.ok) {
		throw new ApiError(response.status, body);
	}
	return body;
}

function postJson(path, body) {
	return api(path, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
}

// ---------------------------------------------------------------- helpers

function esc(value) {
	return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

function badge(status) {
	const s = STATUS[status] ? status : 'NOT_STARTED';
	return `<span class="badge s-${s}" data-status="${s}">${STATUS[s]}</span>`;
}

function sectionName(number, title) {
	const numeral = number <= 10 ? NUMERALS[number] : String(number);
	return /^[一二三四五六七八九十]+、/.test(title || '') ? title : `${numeral}、${title || ''}`;
}

function itemLink(itemId, text) {
	return `<a href="#/items/${encodeURIComponent(itemId)}">${esc(text)}</a>`;
}

function stars(item) {
	return item.starred ? `<span title="实事项目">${'★'.repeat(Math.max(1, item.starCount || 1))}</span> ` : '';
}

function num(value) {
	return value === null || value === undefined ? '—' : Number(value).toLocaleString('zh-CN');
}

function date(value) {
	return value ? String(value).slice(0, 10) : '—';
}

function dateTime(value) {
	return value ? new Date(value).toLocaleString('zh-CN', { hour12: false }) : '—';
}

function today() {
	const d = new Date();
	return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

function newId(prefix) {
	const random = (crypto.randomUUID && crypto.randomUUID()) || (Date.now().toString(36) + Math.random().toString(36).slice(2));
	return prefix + random;
}

function chart(element, option) {
	if (!window.echarts || !element) {
		return null;
	}
	const instance = window.echarts.init(element);
	// no animation for those who asked for less motion, nor under automation (screenshots show the whole chart)
	const still = navigator.webdriver || window.matchMedia('(prefers-reduced-motion: reduce)').matches;
	instance.setOption({ animation: !still, ...option });
	charts.push(instance);
	return instance;
}

function disposeCharts() {
	charts.forEach((c) => c.dispose());
	charts = [];
}

window.addEventListener('resize', () => charts.forEach((c) => c.resize()));

function problemText(error) {
	const p = error.problem || {};
	const fields = (p.errors || []).map((e) => `${e.field}：${e.reason}`);
	return [error.message, ...fields].join('；');
}

function showError(error) {
	view.innerHTML = `<div class="card error" role="alert">${esc(problemText(error))}</div>`;
}

function stamp() {
	document.getElementById('updated').textContent = '数据更新于 ' + new Date().toLocaleTimeString('zh-CN', { hour12: false }) + '，每 15 秒自动刷新';
}

// ---------------------------------------------------------------- chrome

function renderChrome(route) {
	const u = user();
	const nav = document.getElementById('nav');
	const who = document.getElementById('who');
	const out = document.getElementById('logout');
	if (!u) {
		nav.innerHTML = '';
		who.textContent = '';
		out.hidden = true;
		return;
	}
	const links = [['overview', '总览'], ['starred', '★ 实事项目'], ['projects', '重点工程']];
	links.push(['inbox', has(u, 'SUPERVISOR', 'ADMIN') ? '全部提醒' : '我的提醒']);
	if (has(u, 'DEPARTMENT', 'ADMIN')) {
		links.push(['report', '填报']);
	}
	nav.innerHTML = links.map(([id, text]) => `<a href="#/${id}" data-nav="${id}" class="${route === id ? 'active' : ''}">${text}</a>`).join('');
	const where = u.department || u.position || '';
	who.textContent = `${u.name || u.sub}（${u.roles.map((r) => ROLE_LABEL[r] || r).join('、')}${where ? '，' + where : ''}）`;
	out.hidden = false;
}

document.getElementById('logout').addEventListener('click', logout);

// ---------------------------------------------------------------- views

async function loginView() {
	view.innerHTML = `
		<div class="card login">
			<h2>登录</h2>
			<form id="login-form" class="stack">
				<label>用户名<input id="username" name="username" autocomplete="username" required></label>
				<label>密码<input id="password" name="password" type="password" autocomplete="current-password" required></label>
				<button id="login-button" type="submit">登录</button>
				<p id="login-error" class="error" role="alert"></p>
			</form>
		</div>`;
	document.getElementById('login-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const error = document.getElementById('login-error');
		error.textContent = '';
		try {
			const answer = await postJson('/api/auth/token', {
				username: document.getElementById('username').value.trim(),
				password: document.getElementById('password').value,
			});
			sessionStorage.setItem(TOKEN_KEY, answer.accessToken);
			location.hash = '#/overview';
		} catch (e) {
			error.textContent = problemText(e);
		}
	});
}

async function overviewView() {
	const [summary, goals] = await Promise.all([api(`/api/dashboard/summary?year=${YEAR}`), api(`/api/goals?year=${YEAR}`)]);
	const totals = summary.totals || {};
	const sections = summary.sections || [];
	const bySection = {};
	goals.forEach((g) => (bySection[g.section] = bySection[g.section] || []).push(g));
	const changes = latestChanges(goals);
	const starred = goals.filter((g) => g.starred);
	const opened = new Set([...view.querySelectorAll('[data-section] details[open]')].map((d) => d.closest('[data-section]').dataset.section));
	view.innerHTML = `
		<h2>总览 · ${summary.planYear || YEAR} 年重点工作</h2>
		<div class="totals" id="totals">
			${STATUS_ORDER.map((s) => `<div class="total s-${s}" data-status="${s}"><span>${STATUS[s]}</span><b>${totals[s] || 0}</b></div>`).join('')}
		</div>
		<div class="two">
			<div class="card"><h3>各板块进度</h3><div id="sections-chart" class="chart"></div></div>
			<div class="card"><h3>最新变化</h3>
				<ul class="items" id="changes">${changes.length ? changes.map((c) => `
					<li>${badge(c.status)}<span class="grow">${itemLink(c.itemId, c.itemId + ' ' + c.title)}<br><span class="muted">${esc(c.what)}</span></span><span class="muted">${date(c.asOf)}</span></li>`).join('') : '<li class="muted">暂无进度报告</li>'}
				</ul>
			</div>
		</div>
		<div class="card" id="starred-summary"><h3><a href="#/starred">★ 实事项目</a>（${starred.length} 项）</h3>
			<div class="counts">${STATUS_ORDER.map((st) => `<span class="badge s-${st}" data-status="${st}">${STATUS[st]} ${starred.filter((g) => g.status === st).length}</span>`).join('')}</div>
		</div>
		<div class="grid" id="sections">
			${sections.map((s) => `
				<section class="card section" data-section="${s.section}">
					<h3>${esc(sectionName(s.section, s.title))}</h3>
					<div class="counts">${STATUS_ORDER.map((st) => `<span class="badge s-${st}" data-status="${st}">${STATUS[st]} ${(s.counts || {})[st] || 0}</span>`).join('')}</div>
					<details ${opened.has(String(s.section)) ? 'open' : ''}>
						<summary>${(bySection[s.section] || []).length} 项事项</summary>
						<ul class="items">${(bySection[s.section] || []).map((g) => `<li>${badge(g.status)}<span class="grow">${stars(g)}${itemLink(g.itemId, g.itemId + ' ' + g.title)}</span></li>`).join('')}</ul>
					</details>
				</section>`).join('')}
		</div>`;
	chart(document.getElementById('sections-chart'), {
		tooltip: { trigger: 'axis', axisPointer: { type: 'shadow' } },
		legend: { bottom: 0 },
		grid: { left: 8, right: 16, bottom: 40, top: 16, containLabel: true },
		xAxis: { type: 'value', minInterval: 1 },
		yAxis: { type: 'category', inverse: true, data: sections.map((s) => sectionName(s.section, s.title).slice(0, 12)) },
		series: STATUS_ORDER.map((st) => ({
			name: STATUS[st], type: 'bar', stack: 'all', itemStyle: { color: STATUS_COLOR[st] },
			data: sections.map((s) => (s.counts || {})[st] || 0),
		})),
	});
}

/** The most recently reported indicators and qualitative goals, newest first. */
function latestChanges(goals) {
	const changes = [];
	goals.forEach((g) => {
		(g.indicators || []).filter((i) => i.asOf).forEach((i) => changes.push({
			itemId: g.itemId, title: g.title, status: i.status, asOf: i.asOf,
			what: `${i.name}：${num(i.actual)}${i.unit || ''} / 目标 ${num(i.target)}${i.unit || ''}`,
		}));
		if (g.progress && g.progress.asOf) {
			changes.push({ itemId: g.itemId, title: g.title, status: g.progress.status, asOf: g.progress.asOf,
				what: qualitativeText(g.progress) });
		}
	});
	return changes.sort((a, b) => String(b.asOf).localeCompare(String(a.asOf))).slice(0, 8);
}

function qualitativeText(progress) {
	const state = QUALITATIVE_STATES[progress.state] || progress.state || '';
	const note = progress.note && progress.note !== state ? progress.note : '';
	return [state, note].filter(Boolean).join('：');
}

async function starredView() {
	const goals = await api(`/api/goals?year=${YEAR}&starred=true`);
	view.innerHTML = `
		<h2>★ 实事项目（${goals.length} 项）</h2>
		<div class="grid" id="starred">
			${goals.map((g) => `
				<section class="card" data-item="${esc(g.itemId)}">
					<h3>${badge(g.status)} ${stars(g)}${itemLink(g.itemId, g.itemId + ' ' + g.title)}</h3>
					<p class="muted">${esc(g.responsibility ? g.responsibility.leadDepartment : '')}</p>
					${(g.indicators || []).map((i) => indicatorBar(i)).join('') || '<p class="muted">定性目标</p>'}
				</section>`).join('') || '<p class="muted">暂无实事项目</p>'}
		</div>`;
}

function indicatorBar(i) {
	const share = i.actual !== null && i.actual !== undefined && Number(i.target) > 0
		? Math.min(100, Math.round((Number(i.actual) / Number(i.target)) * 100)) : 0;
	return `<div class="indicator">
		<div>${badge(i.status)} ${esc(i.name)}：${num(i.actual)} / ${num(i.target)} ${esc(i.unit || '')}</div>
		<div class="bar" title="${share}%"><span style="width:${share}%;background:${STATUS_COLOR[i.status] || STATUS_COLOR.NOT_STARTED}"></span></div>
	</div>`;
}

async function projectsView() {
	const projects = await api(`/api/projects?year=${YEAR}`);
	const rows = [];
	projects.forEach((p) => (p.milestones || []).forEach((m) => rows.push({ p, m })));
	view.innerHTML = `
		<h2>重点工程 · 里程碑（${projects.length} 个项目）</h2>
		<div class="card"><h3>计划与预计（○ 计划日期，● 预计日期，连线为延误）</h3><div id="timeline" class="chart tall"></div></div>
		<div class="card table-wrap">
			<table id="milestones">
				<thead><tr><th>项目</th><th>里程碑</th><th>计划日期</th><th>预计日期</th><th>偏差</th><th>状态</th></tr></thead>
				<tbody>${rows.map(({ p, m }) => `
					<tr><td>${stars(p)}${itemLink(p.itemId, p.itemId + ' ' + p.title)}</td><td>${esc(m.name)}</td>
					<td>${date(m.plannedDate)}</td><td>${date(m.forecastDate)}</td><td>${slipText(m)}</td><td>${badge(m.status)}</td></tr>`).join('')}
				</tbody>
			</table>
		</div>`;
	const labels = rows.map(({ p, m }) => `${p.itemId} ${m.name}`);
	const day = (d) => (d ? new Date(d + 'T00:00:00').getTime() : null);
	const timeline = document.getElementById('timeline');
	timeline.style.height = Math.max(320, rows.length * 34 + 80) + 'px';
	chart(timeline, {
		tooltip: { trigger: 'item', formatter: (p) => `${esc(labels[p.value[1]])}<br>${p.seriesName}：${new Date(p.value[0]).toLocaleDateString('zh-CN')}` },
		legend: { bottom: 0 },
		grid: { left: 8, right: 24, bottom: 40, top: 16, containLabel: true },
		xAxis: { type: 'time' },
		yAxis: { type: 'category', inverse: true, data: labels, axisLabel: { width: 180, overflow: 'truncate' } },
		series: [
			{ name: '计划日期', type: 'scatter', symbol: 'emptyCircle', symbolSize: 12, itemStyle: { color: '#66727f' },
				data: rows.map(({ m }, index) => [day(m.plannedDate), index]).filter((v) => v[0]) },
			{ name: '预计日期', type: 'scatter', symbolSize: 12,
				data: rows.map(({ m }, index) => ({ value: [day(m.forecastDate || m.plannedDate), index], itemStyle: { color: STATUS_COLOR[m.status] || STATUS_COLOR.NOT_STARTED } })).filter((v) => v.value[0]) },
			{ name: '延误', type: 'lines', coordinateSystem: 'cartesian2d', lineStyle: { color: '#d64541', width: 2 },
				data: rows.map(({ m }, index) => ({ m, index })).filter(({ m }) => m.forecastDate && m.plannedDate && m.forecastDate > m.plannedDate)
					.map(({ m, index }) => ({ coords: [[day(m.plannedDate), index], [day(m.forecastDate), index]] })) },
		],
	});
}

function slipText(m) {
	if (!m.forecastDate || !m.plannedDate) {
		return '—';
	}
	const days = Math.round((new Date(m.forecastDate) - new Date(m.plannedDate)) / 86400000);
	return days > 0 ? `<span class="error">延后 ${days} 天</span>` : days < 0 ? `<span class="ok">提前 ${-days} 天</span>` : '按期';
}

async function itemView(itemId) {
	let item;
	let project = null;
	try {
		item = await api(`/api/goals/${encodeURIComponent(itemId)}?year=${YEAR}`);
	} catch (e) {
		if (e.status !== 404) {
			throw e;
		}
		project = await api(`/api/projects/${encodeURIComponent(itemId)}?year=${YEAR}`);
		item = project;
	}
	const [reports, alerts] = await Promise.all([
		api(`/api/progress?itemId=${encodeURIComponent(itemId)}&year=${YEAR}`).catch(() => []),
		api(`/api/alerts?itemId=${encodeURIComponent(itemId)}&year=${YEAR}`).catch(() => []),
	]);
	const r = item.responsibility || {};
	const indicators = item.indicators || [];
	view.innerHTML = `
		<h2>${item.status ? badge(item.status) : ''} ${stars(item)}${esc(item.itemId)} ${esc(item.title)}</h2>
		<div class="card">
			<p class="muted">${esc(sectionName(item.section, item.sectionTitle))}</p>
			<p>分管领导：${esc(r.leaderPosition || '—')}；牵头部门：${esc(r.leadDepartment || '—')}${(r.cooperatingDepartments || []).length ? '；配合部门：' + esc(r.cooperatingDepartments.join('、')) : ''}</p>
			${item.progress ? `<p>当前进展：${badge(item.progress.status)} ${esc(qualitativeText(item.progress))}（${date(item.progress.asOf)}）</p>` : ''}
		</div>
		<div class="grid" id="indicators">
			${indicators.map((i, index) => `
				<section class="card" data-indicator="${esc(i.id)}">
					<h3>${badge(i.status)} ${esc(i.name)}</h3>
					<p class="muted">目标 ${num(i.target)} ${esc(i.unit || '')}；实际 ${num(i.actual)}（${date(i.asOf)}）${i.expected !== null && i.expected !== undefined ? '；计划应达 ' + num(i.expected) : ''}${i.periodStatus ? '；本期 ' + badge(i.periodStatus) : ''}${i.caughtUp ? '（已追赶）' : ''}</p>
					<div id="indicator-chart-${index}" class="chart"></div>
				</section>`).join('')}
		</div>
		${project ? milestoneTable(project) : ''}
		<div class="card table-wrap"><h3>填报记录</h3>
			<table id="reports"><thead><tr><th>截至日期</th><th>指标</th><th>数值 / 进展</th><th>填报部门</th><th>说明</th><th>受理时间</th></tr></thead>
			<tbody>${reports.length ? reports.map((rep) => `
				<tr class="${rep.supersededBy ? 'muted' : ''}"><td>${date(rep.asOf)}</td><td>${esc(rep.targetId)}</td>
				<td>${rep.value !== null && rep.value !== undefined ? num(rep.value) : rep.reachedOn ? '达成于 ' + date(rep.reachedOn) : esc(QUALITATIVE_STATES[rep.state] || rep.state || '')}${rep.supersededBy ? '（已更正）' : ''}</td>
				<td>${esc(rep.department)}</td><td>${esc(rep.note || '')}</td><td>${dateTime(rep.acceptedAt)}</td></tr>`).join('') : '<tr><td colspan="6" class="muted">暂无填报</td></tr>'}
			</tbody></table>
		</div>
		<div class="card"><h3>提醒</h3>${alerts.length ? alerts.map(alertCard).join('') : '<p class="muted">暂无提醒</p>'}</div>`;
	indicators.forEach((i, index) => indicatorChart(document.getElementById(`indicator-chart-${index}`), i, reports));
	bindAcks();
}

function milestoneTable(project) {
	return `<div class="card table-wrap"><h3>里程碑</h3><table id="project-milestones"><thead><tr><th>里程碑</th><th>计划日期</th><th>预计日期</th><th>偏差</th><th>状态</th></tr></thead><tbody>
		${(project.milestones || []).map((m) => `<tr><td>${esc(m.name)}</td><td>${date(m.plannedDate)}</td><td>${date(m.forecastDate)}</td><td>${slipText(m)}</td><td>${badge(m.status)}</td></tr>`).join('')}
	</tbody></table></div>`;
}

/**
 * x = months; the indicator's own plan curve (what goal-service expects at each month end: linear, quarterly or a
 * monthly 序时进度 profile) against the reported values. Targets judged by their level alone (rates, ceilings) have
 * no curve: their target is drawn flat.
 */
function indicatorChart(element, indicator, reports) {
	const months = Array.from({ length: 12 }, (_, m) => `${m + 1}月`);
	const target = Number(indicator.target) || 0;
	const curve = Array.isArray(indicator.expectedByMonth) && indicator.expectedByMonth.length === 12;
	const plan = curve ? indicator.expectedByMonth.map(Number) : months.map(() => target);
	const actual = new Array(12).fill(null);
	reports.filter((rep) => rep.targetId === indicator.id && !rep.supersededBy && rep.value !== null && rep.value !== undefined)
		.sort((a, b) => String(a.asOf).localeCompare(String(b.asOf)))
		.forEach((rep) => {
			const month = Number(String(rep.asOf).slice(5, 7)) - 1;
			if (month >= 0 && month < 12) {
				actual[month] = Number(rep.value);
			}
		});
	chart(element, {
		tooltip: { trigger: 'axis' },
		legend: { bottom: 0 },
		grid: { left: 8, right: 16, bottom: 40, top: 16, containLabel: true },
		xAxis: { type: 'category', data: months },
		yAxis: { type: 'value', name: indicator.unit || '' },
		series: [
			{ name: curve ? `计划进度（${curveName(indicator.curve)}）` : '目标值', type: 'line', data: plan, lineStyle: { type: 'dashed' }, itemStyle: { color: '#66727f' }, symbol: 'none' },
			{ name: '实际填报', type: 'line', data: actual, connectNulls: true, itemStyle: { color: STATUS_COLOR[indicator.status] || STATUS_COLOR.GREEN } },
		],
	});
}

/** linear / quarterly:20,45,70,100 / monthly-stepwise:… in words. */
function curveName(spec) {
	const kind = String(spec || 'linear').split(':')[0];
	return { linear: '按时间均匀', quarterly: '按季度节点', 'quarterly-stepwise': '按季度节点', monthly: '按月序时进度',
		'monthly-stepwise': '按月序时进度' }[kind] || kind;
}

function alertCard(a) {
	const u = user();
	const canAck = a.status === 'OPEN' && has(u, 'LEADER', 'DEPARTMENT', 'ADMIN');
	return `<article class="card alert s-${esc(a.severity)} ${a.status !== 'OPEN' ? 'done' : ''}" data-alert="${esc(a.alertId)}">
		<h3>${badge(a.severity)} ${esc(a.title)}</h3>
		<p>${linkify(a.message)}</p>
		<p class="muted">${itemLink(a.itemId, a.itemId + ' ' + (a.itemTitle || ''))} · ${esc(a.recipientPosition || '')} · ${dateTime(a.raisedAt)} ·
			<span class="alert-status">${ALERT_STATUS[a.status] || esc(a.status)}</span>${a.acknowledgedBy ? '（' + esc(a.acknowledgedBy) + '）' : ''}</p>
		${canAck ? `<button type="button" class="ack" data-ack="${esc(a.alertId)}">确认已阅</button>` : ''}
	</article>`;
}

/** Alert messages name their item as #/items/{itemId}: make that a link. */
function linkify(text) {
	return esc(text).replace(/#\/items\/([0-9A-Za-z.]+)/g, (link, itemId) => `<a href="#/items/${itemId}">${link}</a>`);
}

function bindAcks() {
	view.querySelectorAll('button[data-ack]').forEach((button) => button.addEventListener('click', async () => {
		button.disabled = true;
		try {
			const u = user();
			await postJson(`/api/alerts/${encodeURIComponent(button.dataset.ack)}/ack`, { by: (u && (u.name || u.sub)) || '', note: '已阅' });
			await refresh();
		} catch (e) {
			button.disabled = false;
			button.insertAdjacentHTML('afterend', `<p class="error" role="alert">${esc(problemText(e))}</p>`);
		}
	}));
}

async function inboxView() {
	const u = user();
	const alerts = await api(`/api/alerts?year=${YEAR}`);
	const open = alerts.filter((a) => a.status === 'OPEN');
	view.innerHTML = `
		<h2>${has(u, 'SUPERVISOR', 'ADMIN') ? '全部提醒' : '我的提醒'}（待确认 ${open.length} 条）</h2>
		<div id="inbox">${alerts.length ? alerts.map(alertCard).join('') : '<p class="muted">暂无提醒</p>'}</div>`;
	bindAcks();
}

async function reportView() {
	const u = user();
	const [goals, projects] = await Promise.all([api(`/api/goals?year=${YEAR}`), api(`/api/projects?year=${YEAR}`).catch(() => [])]);
	const mine = (item) => {
		if (!has(u, 'DEPARTMENT') || has(u, 'ADMIN')) {
			return true;
		}
		const r = item.responsibility || {};
		return r.leadDepartment === u.department || (r.cooperatingDepartments || []).includes(u.department);
	};
	// every target one may report on: indicators (a value), milestones (a date), qualitative goals (a state)
	const targets = [];
	goals.filter(mine).forEach((g) => {
		(g.indicators || []).forEach((i) => targets.push({ item: g, id: i.id, kind: 'value', label: `${g.itemId} ${g.title} · ${i.name}（${i.unit || ''}）` }));
		if (g.qualitative || !(g.indicators || []).length) {
			targets.push({ item: g, id: g.itemId, kind: 'state', label: `${g.itemId} ${g.title} · 总体进展` });
		}
	});
	projects.filter(mine).forEach((p) => (p.milestones || []).forEach((m) => targets.push({ item: p, id: m.id, kind: 'date', label: `${p.itemId} ${p.title} · ${m.name}` })));
	view.innerHTML = `
		<h2>填报</h2>
		<div class="two">
			<div class="card">
				<h3>进度报告</h3>
				${targets.length ? '' : '<p class="muted">没有由本部门牵头或配合的事项。</p>'}
				<form id="report-form" class="stack">
					<label>事项与指标<select id="target" name="target" required>${targets.map((t, index) => `<option value="${index}">${esc(t.label)}</option>`).join('')}</select></label>
					<label id="value-field">数值（累计到截至日期）<input id="value" name="value" type="number" step="any" min="0"></label>
					<label id="date-field" hidden>达成日期<input id="reachedOn" name="reachedOn" type="date"></label>
					<label id="state-field" hidden>进展<select id="state" name="state">${Object.entries(QUALITATIVE_STATES).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></label>
					<label>截至日期<input id="asOf" name="asOf" type="date" value="${today()}" required></label>
					<label>填报部门<input id="department" name="department" value="${esc(u.department || '')}" ${has(u, 'DEPARTMENT') ? 'readonly' : ''} required></label>
					<label>说明<textarea id="note" name="note" rows="3" maxlength="2000"></textarea></label>
					<button id="submit-report" type="submit" ${targets.length ? '' : 'disabled'}>提交报告</button>
					<p id="report-result" role="status"></p>
				</form>
			</div>
			<div class="card">
				<h3>批量上传</h3>
				<p class="muted">一个月的报告整表上传（CSV 或 Excel .xlsx），全部通过才会受理。</p>
				<form id="bulk-form" class="stack">
					<label>文件<input id="bulk-file" type="file" accept=".csv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" required></label>
					<button id="submit-bulk" type="submit">上传</button>
					<p id="bulk-result" role="status"></p>
				</form>
			</div>
		</div>`;
	const select = document.getElementById('target');
	const department = document.getElementById('department');
	const sync = () => {
		const t = targets[Number(select.value)];
		document.getElementById('value-field').hidden = !t || t.kind !== 'value';
		document.getElementById('date-field').hidden = !t || t.kind !== 'date';
		document.getElementById('state-field').hidden = !t || t.kind !== 'state';
		if (t && !has(u, 'DEPARTMENT') && t.item.responsibility) {
			department.value = t.item.responsibility.leadDepartment || department.value;
		}
	};
	select.addEventListener('change', sync);
	sync();
	document.getElementById('report-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('report-result');
		const t = targets[Number(select.value)];
		const report = {
			reportId: newId('web-'),
			planYear: YEAR,
			itemId: t.item.itemId,
			targetId: t.id,
			asOf: document.getElementById('asOf').value,
			department: department.value.trim(),
			note: document.getElementById('note').value.trim() || null,
		};
		if (t.kind === 'value') {
			report.value = document.getElementById('value').value === '' ? null : Number(document.getElementById('value').value);
		} else if (t.kind === 'date') {
			report.reachedOn = document.getElementById('reachedOn').value || null;
		} else {
			report.state = document.getElementById('state').value;
		}
		result.className = '';
		result.textContent = '正在提交…';
		try {
			const receipt = await postJson('/api/progress', report);
			result.className = 'ok';
			result.textContent = `已受理，报告编号 ${receipt.reportId}。`;
		} catch (e) {
			result.className = 'error';
			result.textContent = problemText(e);
		}
	});
	document.getElementById('bulk-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('bulk-result');
		const file = document.getElementById('bulk-file').files[0];
		if (!file) {
			return;
		}
		const type = file.name.toLowerCase().endsWith('.xlsx')
			? 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' : 'text/csv';
		result.className = '';
		result.textContent = '正在上传…';
		try {
			const receipt = await api(`/api/progress/bulk?uploadId=${encodeURIComponent(newId('web-'))}`, { method: 'POST', headers: { 'Content-Type': type }, body: file });
			result.className = 'ok';
			result.textContent = `已受理，上传编号 ${receipt.uploadId || ''}，共 ${receipt.rows ?? 0} 行。`;
		} catch (e) {
			result.className = 'error';
			result.textContent = problemText(e);
		}
	});
}

// ---------------------------------------------------------------- router

const ROUTES = {
	login: loginView,
	overview: overviewView,
	starred: starredView,
	projects: projectsView,
	items: itemView,
	inbox: inboxView,
	report: reportView,
};

/** Views whose data the poller reloads (the report form is left alone while one types). */
const LIVE = new Set(['overview', 'starred', 'projects', 'items', 'inbox']);

function parseHash() {
	const parts = (location.hash || '').replace(/^#\/?/, '').split('/');
	const name = ROUTES[parts[0]] ? parts[0] : 'overview';
	return { name, arg: parts[1] ? decodeURIComponent(parts[1]) : undefined };
}

async function render(keepScroll) {
	const seq = ++renderSeq;
	let { name, arg } = parseHash();
	if (!user() && name !== 'login') {
		sessionStorage.removeItem(TOKEN_KEY);
		location.hash = '#/login';
		return;
	}
	if (user() && name === 'login') {
		name = 'overview';
	}
	renderChrome(name);
	document.body.dataset.view = name;
	const scroll = keepScroll === true ? window.scrollY : 0;
	try {
		disposeCharts();
		await ROUTES[name](arg);
		if (seq === renderSeq) {
			document.body.dataset.ready = name;
			window.scrollTo(0, scroll);
			if (name !== 'login') {
				stamp();
			}
		}
	} catch (e) {
		if (seq === renderSeq && e.status !== 401) {
			showError(e);
		}
	}
}

/** Reload the current view's data (after the user's own actions, and by the poller). */
async function refresh() {
	const { name } = parseHash();
	if (LIVE.has(name) && user()) {
		await render(true);
	}
}

window.addEventListener('hashchange', render);
pollTimer = setInterval(() => {
	if (!document.hidden) {
		refresh();
	}
}, POLL_MS);
render();
