// Keywork dashboard: a plain ES module, no build step. Talks only to the gateway's /api with the bearer token from
// the login (kept in sessionStorage: gone when the tab closes). Hash routes:
//   #/login  #/overview  #/starred  #/projects  #/items/{itemId}  #/inbox  #/report
//   #/plans/{year}  (计划管理: import, drafts, 任务分解表, versions)  #/review/{draftId}  (审核修改)
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
	if (has(u, 'SUPERVISOR', 'ADMIN')) {
		links.push(['plans', '计划管理']);
	}
	const active = route === 'review' ? 'plans' : route;
	nav.innerHTML = links.map(([id, text]) => `<a href="#/${id}" data-nav="${id}" class="${active === id ? 'active' : ''}">${text}</a>`).join('');
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
	const all = [];
	projects.forEach((p) => (p.milestones || []).forEach((m) => all.push({ p, m })));
	// a milestone without a planned date (未排期) is judged against the year's end: listed apart, not piled on 12-31
	const rows = all.filter(({ m }) => m.scheduled !== false);
	const unscheduled = all.filter(({ m }) => m.scheduled === false);
	const u = user();
	view.innerHTML = `
		<h2>重点工程 · 里程碑（${projects.length} 个项目，${all.length} 个节点）</h2>
		<div class="card"><h3>计划与预计（○ 计划日期，● 预计日期，连线为延误）</h3>
			${rows.length ? '<div id="timeline" class="chart tall"></div>' : '<p class="muted" id="timeline-empty">还没有排期的节点。</p>'}</div>
		<div class="card table-wrap" id="unscheduled"><h3>未排期的节点（${unscheduled.length} 个，按 ${YEAR}-12-31 判断）</h3>
			${unscheduled.length ? `<p class="muted">计划文件只写了年内开工或竣工；在任务分解表或计划审核中填写计划日期后，节点才按日期判断。${has(u, 'SUPERVISOR', 'ADMIN') ? '<a href="#/plans/' + YEAR + '">去填写</a>' : ''}</p>
			<table id="unscheduled-milestones"><thead><tr><th>项目</th><th>里程碑</th><th>类型</th><th>状态</th></tr></thead><tbody>
			${unscheduled.map(({ p, m }) => `<tr><td>${stars(p)}${itemLink(p.itemId, p.itemId + ' ' + p.title)}</td><td>${esc(m.name)}</td><td>${esc({ START: '开工', COMPLETION: '竣工' }[m.type] || '节点')}</td><td>${badge(m.status)}</td></tr>`).join('')}
			</tbody></table>` : '<p class="ok">所有节点都已排期。</p>'}
		</div>
		<div class="card table-wrap">
			<table id="milestones">
				<thead><tr><th>项目</th><th>里程碑</th><th>计划日期</th><th>预计日期</th><th>偏差</th><th>状态</th></tr></thead>
				<tbody>${rows.map(({ p, m }) => `
					<tr><td>${stars(p)}${itemLink(p.itemId, p.itemId + ' ' + p.title)}</td><td>${esc(m.name)}</td>
					<td>${date(m.plannedDate)}</td><td>${date(m.forecastDate)}</td><td>${slipText(m)}</td><td>${badge(m.status)}</td></tr>`).join('')}
				</tbody>
			</table>
		</div>`;
	if (!rows.length) {
		return;
	}
	const labels = rows.map(({ p, m }) => `${p.itemId} ${m.name}`);
	const day = (d) => (d ? new Date(d + 'T00:00:00').getTime() : null);
	// the plan year at least, so that one dated milestone does not stretch over hours
	const dates = rows.flatMap(({ m }) => [m.plannedDate, m.forecastDate]).filter(Boolean).map(day);
	const first = Math.min(day(`${YEAR}-01-01`), ...dates);
	const last = Math.max(day(`${YEAR}-12-31`), ...dates);
	const timeline = document.getElementById('timeline');
	timeline.style.height = Math.max(320, rows.length * 34 + 80) + 'px';
	chart(timeline, {
		tooltip: { trigger: 'item', formatter: (p) => `${esc(labels[p.value[1]])}<br>${p.seriesName}：${new Date(p.value[0]).toLocaleDateString('zh-CN')}` },
		legend: { bottom: 0 },
		grid: { left: 8, right: 24, bottom: 40, top: 16, containLabel: true },
		xAxis: { type: 'time', min: first, max: last },
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
			<p id="responsibility">分管领导：${esc(r.leaderPosition || '—')}；牵头部门：${esc(r.leadDepartment || '—')}${(r.cooperatingDepartments || []).length ? '；配合部门：' + esc(r.cooperatingDepartments.join('、')) : ''}${item.sampleResponsibility ? ' <span class="badge s-YELLOW" id="sample-badge" title="文件未列明责任人，此为示例分工，待任务分解表确认">示例分工</span>' : ''}</p>
			${(item.responsibilityChanges || []).length ? `<p class="muted" id="responsibility-history">分工调整：${item.responsibilityChanges.map((c) => `${dateTime(c.changedAt)} ${esc(c.changedBy)}${c.reason ? '（' + esc(c.reason) + '）' : ''}`).join('；')}</p>` : ''}
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
		${(project.milestones || []).map((m) => `<tr><td>${esc(m.name)}</td><td>${m.scheduled === false ? '<span class="badge s-NOT_STARTED">未排期</span>' : date(m.plannedDate)}</td><td>${date(m.forecastDate)}</td><td>${slipText(m)}</td><td>${badge(m.status)}</td></tr>`).join('')}
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


// ---------------------------------------------------------------- plans: import, review, 任务分解表

const DIRECTIONS = { AT_LEAST: '达到（不少于）', INCREASE_BY: '增长', REDUCE_BY: '下降', AT_MOST: '控制在（不超过）', KEEP_AT_LEAST: '保持在' };
const QUALIFIERS = { AT_LEAST: '以上', AT_MOST: '以内', STRIVE: '力争', APPROXIMATE: '左右', CUMULATIVE: '累计', YEAR_ON_YEAR: '同比' };
const MILESTONE_TYPES = { START: '开工', COMPLETION: '竣工', OTHER: '其他节点' };
const SOURCES = { DOCUMENT: '导入文件', REVIEW: '审核后发布', MANUAL: '手工建立', EDIT: '修改指标', BREAKDOWN: '任务分解表' };
const EDIT_NAMES = {
	EDIT_HEADING: '修改标题', ADD_SECTION: '新增章节', EDIT_SECTION: '修改章节', REMOVE_SECTION: '删除章节', ADD_ITEM: '新增事项',
	EDIT_ITEM: '修改事项', REMOVE_ITEM: '删除事项', MOVE_ITEM: '移动事项', SPLIT_ITEM: '拆分事项', MERGE_ITEMS: '合并事项',
	REPARSE_ITEM: '重新识别指标', SET_STARS: '设置★', ADD_TARGET: '新增指标', EDIT_TARGET: '修改指标', REMOVE_TARGET: '删除指标',
	ADD_MILESTONE: '新增里程碑', EDIT_MILESTONE: '修改里程碑', REMOVE_MILESTONE: '删除里程碑', SET_RESPONSIBILITY: '分工',
	SET_DEADLINE: '完成时限', SET_PLANNED_DATE: '计划日期',
};
const DOCX_TYPE = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The type a file goes up as: what the browser says, else by its name (the server sniffs the bytes anyway). */
function fileType(file) {
	if (file.type) {
		return file.type;
	}
	const name = file.name.toLowerCase();
	return name.endsWith('.pdf') ? 'application/pdf' : name.endsWith('.docx') ? DOCX_TYPE : name.endsWith('.xlsx') ? XLSX_TYPE
		: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream';
}

function layoutText(layout) {
	if (!layout || (!layout.sectionMarker && !layout.itemMarker)) {
		return '手工建立';
	}
	const parts = [layout.sectionMarker ? `章节“${layout.sectionMarker}”` : '无章节（一个清单）'];
	(layout.groupMarkers || []).forEach((g) => parts.push(`小标题“${g}”`));
	parts.push(layout.itemMarker ? `事项“${layout.itemMarker}”` : '事项按段落');
	parts.push(layout.numbering === 'CONTINUOUS' ? '编号跨章节连续' : '各章节重新编号');
	return parts.join('，');
}

function problemsTable(error) {
	const errors = (error.problem && error.problem.errors) || [];
	if (!errors.length) {
		return `<p class="error" role="alert">${esc(problemText(error))}</p>`;
	}
	return `<p class="error" role="alert">${esc(error.message)}（共 ${errors.length} 处，未作任何修改）</p>
		<table class="problems"><thead><tr><th>位置</th><th>原因</th></tr></thead>
		<tbody>${errors.map((e) => `<tr><td>${esc(e.field)}</td><td>${esc(e.reason)}</td></tr>`).join('')}</tbody></table>`;
}

async function download(path, name) {
	const response = await fetch(path, { headers: { Authorization: 'Bearer ' + token() } });
	if (!response.ok) {
		throw new ApiError(response.status, await response.json().catch(() => null));
	}
	const url = URL.createObjectURL(await response.blob());
	const a = document.createElement('a');
	a.href = url;
	a.download = name;
	document.body.appendChild(a);
	a.click();
	a.remove();
	setTimeout(() => URL.revokeObjectURL(url), 10000);
}

async function plansView(arg) {
	const year = Number(arg) || YEAR;
	const [drafts, versions, goals, projects] = await Promise.all([
		api('/api/plans/drafts'), api(`/api/plans/${year}/versions`).catch(() => []),
		api(`/api/goals?year=${year}`).catch(() => []), api(`/api/projects?year=${year}`).catch(() => [])]);
	const sample = [...goals, ...projects].filter((i) => i.sampleResponsibility || !i.responsibility)
		.sort((a, b) => a.section - b.section || Number(a.itemId.split('.')[1]) - Number(b.itemId.split('.')[1]));
	const unscheduled = projects.flatMap((p) => (p.milestones || []).filter((m) => m.scheduled === false));
	view.innerHTML = `
		<h2>计划管理 · <label class="inline">年度 <input id="plan-year-choice" type="number" min="2000" max="2100" value="${year}"></label></h2>
		<div class="two">
			<div class="card">
				<h3>导入计划文件并审核</h3>
				<p class="muted">Word（.docx）、带文字的 PDF 或纯文本（UTF-8 / GB18030）。导入后先生成草稿，核对、修正后再发布。</p>
				<form id="import-form" class="stack">
					<label>文件<input id="plan-file" type="file" accept=".txt,.docx,.pdf,text/plain,application/pdf,${DOCX_TYPE}" required></label>
					<label>计划年度（文件中没有年度时填写）<input id="import-year" type="number" min="2000" max="2100" placeholder="自动识别"></label>
					<button id="import-button" type="submit">导入并审核</button>
					<div id="import-result" role="status"></div>
				</form>
				<form id="new-draft-form" class="stack">
					<h3>不导入文件</h3>
					<label>标题<input id="new-title" placeholder="${year} 年区政府重点工作安排"></label>
					<div class="row"><button id="new-empty" type="submit" data-from="EMPTY">从空白开始建立 ${year} 年计划</button>
					<button id="new-latest" type="button" data-from="LATEST" ${versions.length ? '' : 'disabled'}>修改已发布的 ${year} 年计划</button></div>
				</form>
			</div>
			<div class="card">
				<h3>任务分解表（责任分工与计划日期）</h3>
				<p>仍为示例分工的事项：<b id="sample-count">${sample.length}</b> 项；未排期的工程节点：<b id="unscheduled-count">${unscheduled.length}</b> 个。</p>
				<p class="muted">下载模板（每个事项一行、每个工程节点一行，责任领导和牵头单位有下拉列表），填好后整表上传：全部通过才会应用，每处错误标明行和列。</p>
				<div class="row"><button id="breakdown-download" type="button" ${versions.length ? '' : 'disabled'}>下载 ${year} 年任务分解表</button></div>
				<form id="breakdown-form" class="stack">
					<label>填好的任务分解表（.xlsx 或 CSV）<input id="breakdown-file" type="file" accept=".xlsx,.csv,${XLSX_TYPE},text/csv" required></label>
					<button id="breakdown-upload" type="submit">上传并应用</button>
					<div id="breakdown-result" role="status"></div>
				</form>
				<details id="sample-items"><summary>仍为示例分工的事项（${sample.length}）</summary>
					<ul class="items">${sample.slice(0, 300).map((i) => `<li><span class="grow">${itemLink(i.itemId, i.itemId + ' ' + i.title)}</span><span class="muted">${esc(i.responsibility ? i.responsibility.leadDepartment : '未分工')}</span></li>`).join('')}</ul>
				</details>
			</div>
		</div>
		<div class="card table-wrap"><h3>审核中的草稿</h3>
			<table id="drafts"><thead><tr><th>年度</th><th>标题</th><th>来源</th><th>修改</th><th>警告</th><th>更新</th><th></th></tr></thead>
			<tbody>${drafts.length ? drafts.map((d) => `<tr data-draft="${esc(d.id)}"><td>${d.planYear}</td><td>${esc(d.title || '')}</td>
				<td>${esc(d.sourceFormat === 'NONE' ? (d.basedOn ? '第 ' + d.basedOn + ' 版' : '空白') : d.sourceFormat)}</td><td>${d.edits}</td><td>${d.warnings}</td>
				<td>${dateTime(d.updatedAt)}（${esc(d.createdBy)}）</td><td><a href="#/review/${encodeURIComponent(d.id)}">继续审核</a></td></tr>`).join('')
		: '<tr><td colspan="7" class="muted">没有审核中的草稿</td></tr>'}</tbody></table>
		</div>
		<div class="card table-wrap"><h3>${year} 年计划的版本</h3>
			${versions.length ? `<table id="versions"><thead><tr><th>版本</th><th>来源</th><th>时间</th><th>操作人</th><th>原因</th><th>事项</th><th>变化</th></tr></thead>
			<tbody>${versions.slice().reverse().map((v) => `<tr data-version="${v.version}"><td>第 ${v.version} 版${v.baseline ? '（基线）' : ''}</td>
				<td>${esc(SOURCES[v.source] || v.source)}</td><td>${dateTime(v.createdAt)}</td><td>${esc(v.by)}</td><td>${esc(v.reason || '')}</td>
				<td>${v.counts.items}</td><td>${versionDetails(v)}</td></tr>`).join('')}</tbody></table>`
		: `<p class="muted">还没有 ${year} 年的计划，请导入文件或从空白建立。</p>`}
		</div>`;
	document.getElementById('plan-year-choice').addEventListener('change', (e) => {
		location.hash = '#/plans/' + e.target.value;
	});
	document.getElementById('import-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('import-result');
		const file = document.getElementById('plan-file').files[0];
		const y = document.getElementById('import-year').value;
		result.innerHTML = '<p class="muted">正在读取和识别……</p>';
		try {
			const draft = await api('/api/plans/drafts' + (y ? '?year=' + encodeURIComponent(y) : ''),
				{ method: 'POST', headers: { 'Content-Type': fileType(file) }, body: file });
			location.hash = '#/review/' + encodeURIComponent(draft.id);
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
	const newDraft = async (from) => {
		try {
			const draft = await postJson('/api/plans/drafts', { planYear: year, from, title: document.getElementById('new-title').value || null });
			location.hash = '#/review/' + encodeURIComponent(draft.id);
		} catch (e) {
			document.getElementById('import-result').innerHTML = problemsTable(e);
		}
	};
	document.getElementById('new-draft-form').addEventListener('submit', (event) => {
		event.preventDefault();
		newDraft('EMPTY');
	});
	document.getElementById('new-latest').addEventListener('click', () => newDraft('LATEST'));
	document.getElementById('breakdown-download').addEventListener('click', async () => {
		try {
			await download(`/api/plans/${year}/breakdown.xlsx`, `${year}年任务分解表.xlsx`);
		} catch (e) {
			document.getElementById('breakdown-result').innerHTML = problemsTable(e);
		}
	});
	document.getElementById('breakdown-form').addEventListener('submit', async (event) => {
		event.preventDefault();
		const result = document.getElementById('breakdown-result');
		const file = document.getElementById('breakdown-file').files[0];
		result.innerHTML = '<p class="muted">正在检查……</p>';
		try {
			const applied = await api(`/api/plans/${year}/breakdown`, { method: 'POST', headers: { 'Content-Type': fileType(file) }, body: file });
			await render(true);
			document.getElementById('breakdown-result').innerHTML = applied.outcome === 'CREATED'
				? `<p class="ok">已应用：${applied.rows} 行，分工变更 ${applied.responsibilityChanges} 项，日期变更 ${applied.dateChanges} 项（生成第 ${applied.version} 版）。</p>`
				: `<p class="ok">已检查 ${applied.rows} 行，与现有分工和日期相同，没有变化。</p>`;
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
}

function versionDetails(v) {
	const changes = v.changes || [];
	const edits = v.edits || [];
	if (!changes.length && !edits.length) {
		return '<span class="muted">—</span>';
	}
	return `<details><summary>${changes.length} 处变化${edits.length ? '，' + edits.length + ' 条修改记录' : ''}</summary>
		${edits.length ? `<ul class="edits">${edits.map(editLine).join('')}</ul>` : ''}
		<ul class="edits">${changes.slice(0, 200).map((c) => `<li>${esc(c.kind)} ${esc(c.targetId || c.itemId)}：${esc(c.before || '（无）')} → ${esc(c.after || '（删除）')}</li>`).join('')}</ul>
	</details>`;
}

function editLine(e) {
	return `<li><span class="muted">${dateTime(e.at)} ${esc(e.by)}</span> ${esc(EDIT_NAMES[e.op] || e.op)} ${esc(e.subject || '')}：${esc(e.before || '（无）')} → ${esc(e.after || '（删除）')}${e.reason ? `<span class="muted">（${esc(e.reason)}）</span>` : ''}</li>`;
}

/** Where the caret last stood in each item's text, for 拆分. */
const carets = {};

async function reviewView(id) {
	const draft = await api(`/api/plans/drafts/${encodeURIComponent(id)}`);
	const plan = draft.plan;
	const open = draft.status === 'OPEN';
	const warningsByLine = {};
	(draft.warnings || []).forEach((w) => (warningsByLine[w.line] = warningsByLine[w.line] || []).push(w));
	const lines = (draft.sourceText || '').split(/\r\n|\r|\n/);
	const source = draft.sourceText ? `<ol class="source" id="source-text">${lines.map((l, i) => {
		const w = warningsByLine[i + 1];
		return `<li id="src-L${i + 1}" class="${w ? 'warn' : ''}" ${w ? `title="${esc(w.map((x) => x.message).join('；'))}"` : ''}>${esc(l) || '&nbsp;'}</li>`;
	}).join('')}</ol>` : '<p class="muted">手工建立的计划没有原文。</p>';
	const disabled = open ? '' : 'disabled';
	view.innerHTML = `
		<h2>审核计划草稿 · ${plan.planYear} 年 <span class="badge">${open ? '审核中' : draft.status === 'PUBLISHED' ? '已发布为第 ' + draft.published + ' 版' : '已放弃'}</span></h2>
		<div class="card">
			<div class="row">
				<label class="grow">标题<input id="heading-title" value="${esc((plan.heading || {}).title || '')}" ${disabled}></label>
				<label class="grow">修改原因（记录在每条修改中）<input id="edit-reason" value="核对原文修正" maxlength="500" ${disabled}></label>
			</div>
			<p class="muted">来源：${esc(draft.source ? draft.source.format : '')}${draft.source && draft.source.encoding ? '（' + esc(draft.source.encoding) + '）' : ''}${draft.source && draft.source.pages ? '，' + draft.source.pages + ' 页' : ''}；识别的版式：${esc(layoutText(draft.layout))}；
				${plan.counts.sections} 个章节、${plan.counts.items} 个事项、${plan.counts.indicators} 个指标、${plan.counts.milestones} 个里程碑、${plan.counts.stars} 个 ★。</p>
			<div class="row">
				<label class="grow">发布原因<input id="publish-reason" value="核对原文后发布" maxlength="500" ${disabled}></label>
				<button id="publish" type="button" ${open && !draft.problems.length ? '' : 'disabled'}>发布为新版本</button>
				<button id="keep-draft" type="button" ${disabled}>保存草稿，稍后继续</button>
				<button id="discard" type="button" class="secondary" ${disabled}>放弃草稿</button>
			</div>
			<div id="review-result" role="status">${draft.problems.length ? `<p class="error">发布前还需处理：${draft.problems.map((p) => esc(p.reason)).join('；')}</p>` : ''}</div>
		</div>
		<div class="review">
			<div class="card source-pane">
				<h3>原文${(draft.warnings || []).length ? `（${draft.warnings.length} 条警告）` : ''}</h3>
				${(draft.warnings || []).length ? `<ul class="warnings" id="warnings">${draft.warnings.map((w) => `<li><a href="#src-L${w.line}" data-line="${w.line}">第 ${w.line} 行</a> ${esc(w.message)}</li>`).join('')}</ul>` : '<p class="ok">没有警告。</p>'}
				${source}
			</div>
			<div class="card plan-pane" id="plan-editor" data-revision="${esc(String(draft.revision))}">
				${plan.sections.map((s) => sectionEditor(s, disabled)).join('')}
				${open ? `<details class="add"><summary>+ 新增章节</summary><div class="row">
					<input id="new-section-title" placeholder="章节标题"><select id="new-section-kind"><option value="GOALS">目标（指标）</option><option value="CONSTRUCTION">工程（里程碑）</option></select>
					<button type="button" data-action="add-section">添加</button></div></details>` : ''}
			</div>
		</div>
		<div class="card"><h3>修改记录（${draft.edits.length}）</h3>${draft.edits.length ? `<ul class="edits" id="edit-log">${draft.edits.map(editLine).join('')}</ul>` : '<p class="muted">尚无修改</p>'}</div>`;
	bindReview(draft);
}

function sectionEditor(s, disabled) {
	const construction = s.kind === 'CONSTRUCTION';
	return `<section class="section-editor" data-section="${s.section}">
		<div class="row"><b>${esc(s.label || s.section + '.')}</b>
			<input class="grow" data-section-title="${s.section}" value="${esc(s.title)}" ${disabled}>
			<select data-section-kind="${s.section}" ${disabled}><option value="GOALS" ${construction ? '' : 'selected'}>目标</option><option value="CONSTRUCTION" ${construction ? 'selected' : ''}>工程</option></select>
			<button type="button" class="secondary" data-action="remove-section" data-section="${s.section}" ${disabled}>删除章节</button>
		</div>
		${s.items.map((i, index) => itemEditor(i, construction, index === s.items.length - 1, disabled)).join('')}
		${disabled ? '' : `<details class="add"><summary>+ 在本章节末尾新增事项</summary><div class="stack">
			<textarea rows="2" data-new-item="${s.section}" placeholder="事项内容"></textarea>
			<button type="button" data-action="add-item" data-section="${s.section}">添加事项</button></div></details>`}
	</section>`;
}

function itemEditor(item, construction, last, disabled) {
	const targets = item.indicators || [];
	const milestones = item.milestones || [];
	return `<article class="item-editor" data-item-id="${esc(item.itemId)}">
		<div class="row">
			<b class="item-id">${esc(item.itemId)}</b><span class="muted">${esc(item.label || '')}</span>${item.group ? `<span class="muted">${esc(item.group)}</span>` : ''}
			<label class="inline">★<input type="number" min="0" max="20" value="${item.starCount}" data-stars="${esc(item.itemId)}" ${disabled}></label>
			<span class="grow"></span>
			<button type="button" class="secondary" data-action="move-up" data-item="${esc(item.itemId)}" title="上移" ${disabled}>↑</button>
			<button type="button" class="secondary" data-action="move-down" data-item="${esc(item.itemId)}" title="下移" ${disabled}>↓</button>
			<button type="button" class="secondary" data-action="split" data-item="${esc(item.itemId)}" title="在文字中光标所在处拆成两项" ${disabled}>拆分</button>
			<button type="button" class="secondary" data-action="merge" data-item="${esc(item.itemId)}" title="与下一项合并" ${last || disabled ? 'disabled' : ''}>合并下一项</button>
			<button type="button" class="secondary" data-action="reparse" data-item="${esc(item.itemId)}" title="按当前文字重新识别${construction ? '里程碑' : '指标'}" ${disabled}>重新识别</button>
			<button type="button" class="secondary" data-action="remove-item" data-item="${esc(item.itemId)}" ${disabled}>删除</button>
		</div>
		<textarea rows="${Math.min(8, Math.max(2, Math.ceil(item.text.length / 60)))}" data-item-text="${esc(item.itemId)}" ${disabled}>${esc(item.text)}</textarea>
		${construction ? milestoneEditor(item, milestones, disabled) : targetEditor(item, targets, disabled)}
	</article>`;
}

function targetEditor(item, targets, disabled) {
	return `<table class="targets"><thead><tr><th>编号</th><th>指标</th><th>目标值</th><th>单位</th><th>方向</th><th>限定</th><th>★</th><th></th></tr></thead><tbody>
		${targets.map((t) => `<tr data-target-id="${esc(t.id)}" title="${esc(t.sourcePhrase || '')}">
			<td>${esc(t.id)}${t.partOf ? `<br><span class="muted">属 ${esc(t.partOf)}</span>` : ''}</td>
			<td><input data-field="name" value="${esc(t.name)}" ${disabled}></td>
			<td><input data-field="value" type="number" step="any" min="0" value="${esc(t.value)}" ${disabled}></td>
			<td><input data-field="unit" size="6" value="${esc(t.unit)}" ${disabled}></td>
			<td><select data-field="direction" ${disabled}>${Object.entries(DIRECTIONS).map(([k, v]) => `<option value="${k}" ${t.direction === k ? 'selected' : ''}>${v}</option>`).join('')}</select></td>
			<td class="qualifiers">${Object.entries(QUALIFIERS).map(([k, v]) => `<label class="inline"><input type="checkbox" data-qualifier="${k}" ${(t.qualifiers || []).includes(k) ? 'checked' : ''} ${disabled}>${v}</label>`).join('')}</td>
			<td><input type="checkbox" data-field="starred" ${t.starred ? 'checked' : ''} ${disabled}></td>
			<td><button type="button" class="secondary" data-action="remove-target" data-target="${esc(t.id)}" ${disabled}>删除</button></td></tr>`).join('')}
		${disabled ? '' : `<tr class="new-target" data-new-target="${esc(item.itemId)}"><td>新增</td><td><input data-new="name" placeholder="指标名称"></td>
			<td><input data-new="value" type="number" step="any" min="0"></td><td><input data-new="unit" size="6" placeholder="单位"></td>
			<td><select data-new="direction">${Object.entries(DIRECTIONS).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></td><td></td><td></td>
			<td><button type="button" data-action="add-target" data-item="${esc(item.itemId)}">添加</button></td></tr>`}
	</tbody></table>`;
}

function milestoneEditor(item, milestones, disabled) {
	return `<table class="milestones"><thead><tr><th>编号</th><th>类型</th><th>里程碑</th><th>计划日期（空为未排期）</th><th></th></tr></thead><tbody>
		${milestones.map((m) => `<tr data-milestone-id="${esc(m.id)}" title="${esc(m.sourcePhrase || '')}"><td>${esc(m.id)}</td>
			<td><select data-field="type" ${disabled}>${Object.entries(MILESTONE_TYPES).map(([k, v]) => `<option value="${k}" ${m.type === k ? 'selected' : ''}>${v}</option>`).join('')}</select></td>
			<td><input data-field="name" value="${esc(m.name)}" ${disabled}></td>
			<td><input data-field="plannedDate" type="date" value="${esc(m.plannedDate || '')}" ${disabled}>${m.plannedDate ? '' : ' <span class="badge s-NOT_STARTED">未排期</span>'}</td>
			<td><button type="button" class="secondary" data-action="remove-milestone" data-milestone="${esc(m.id)}" ${disabled}>删除</button></td></tr>`).join('')}
		${disabled ? '' : `<tr data-new-milestone="${esc(item.itemId)}"><td>新增</td>
			<td><select data-new="type">${Object.entries(MILESTONE_TYPES).map(([k, v]) => `<option value="${k}">${v}</option>`).join('')}</select></td>
			<td><input data-new="name" placeholder="项目或节点名称"></td><td><input data-new="plannedDate" type="date"></td>
			<td><button type="button" data-action="add-milestone" data-item="${esc(item.itemId)}">添加</button></td></tr>`}
	</tbody></table>`;
}

function bindReview(draft) {
	const id = draft.id;
	const result = document.getElementById('review-result');
	const reason = () => document.getElementById('edit-reason').value.trim() || null;
	const send = async (op) => {
		try {
			await postJson(`/api/plans/drafts/${encodeURIComponent(id)}/edits`, { ...op, reason: reason(), revision: draft.revision });
			await render(true);
		} catch (e) {
			result.innerHTML = problemsTable(e);
			if (e.status === 409) {
				result.innerHTML += '<p><button type="button" onclick="location.reload()">刷新草稿</button></p>';
			}
		}
	};
	const editor = document.getElementById('plan-editor');
	document.getElementById('heading-title').addEventListener('change', (e) => send({ op: 'EDIT_HEADING', title: e.target.value }));
	editor.addEventListener('change', (e) => {
		const t = e.target;
		if (t.dataset.itemText) {
			return send({ op: 'EDIT_ITEM', itemId: t.dataset.itemText, text: t.value });
		}
		if (t.dataset.stars) {
			return send({ op: 'SET_STARS', itemId: t.dataset.stars, starCount: Number(t.value) });
		}
		if (t.dataset.sectionTitle) {
			return send({ op: 'EDIT_SECTION', section: Number(t.dataset.sectionTitle), title: t.value });
		}
		if (t.dataset.sectionKind) {
			return send({ op: 'EDIT_SECTION', section: Number(t.dataset.sectionKind), kind: t.value });
		}
		const targetRow = t.closest('[data-target-id]');
		if (targetRow && (t.dataset.field || t.dataset.qualifier)) {
			const op = { op: 'EDIT_TARGET', targetId: targetRow.dataset.targetId };
			if (t.dataset.qualifier) {
				op.qualifiers = [...targetRow.querySelectorAll('[data-qualifier]:checked')].map((c) => c.dataset.qualifier);
			} else if (t.dataset.field === 'starred') {
				op.starred = t.checked;
			} else {
				op[t.dataset.field] = t.dataset.field === 'value' ? Number(t.value) : t.value;
			}
			return send(op);
		}
		const milestoneRow = t.closest('[data-milestone-id]');
		if (milestoneRow && t.dataset.field) {
			const op = { op: 'EDIT_MILESTONE', milestoneId: milestoneRow.dataset.milestoneId };
			if (t.dataset.field === 'plannedDate') {
				if (t.value) {
					op.plannedDate = t.value;
				} else {
					op.unscheduled = true;
				}
			} else {
				op[t.dataset.field] = t.value;
			}
			return send(op);
		}
		return undefined;
	});
	editor.addEventListener('keyup', caret);
	editor.addEventListener('click', caret);
	editor.addEventListener('click', (e) => {
		const b = e.target.closest('button[data-action]');
		if (!b) {
			return;
		}
		const item = b.dataset.item;
		const position = (itemId, delta) => {
			const [section, n] = itemId.split('.').map(Number);
			return { op: 'MOVE_ITEM', itemId, section, position: n + delta };
		};
		switch (b.dataset.action) {
			case 'move-up': send(position(item, -1)); break;
			case 'move-down': send(position(item, 1)); break;
			case 'split': {
				const at = carets[item];
				if (!at) {
					result.innerHTML = '<p class="error">请先在该事项文字中点击要拆开的位置，再点“拆分”。</p>';
				} else {
					send({ op: 'SPLIT_ITEM', itemId: item, at });
				}
				break;
			}
			case 'merge': send({ op: 'MERGE_ITEMS', itemId: item }); break;
			case 'reparse': send({ op: 'REPARSE_ITEM', itemId: item }); break;
			case 'remove-item': send({ op: 'REMOVE_ITEM', itemId: item }); break;
			case 'remove-target': send({ op: 'REMOVE_TARGET', targetId: b.dataset.target }); break;
			case 'remove-milestone': send({ op: 'REMOVE_MILESTONE', milestoneId: b.dataset.milestone }); break;
			case 'remove-section': send({ op: 'REMOVE_SECTION', section: Number(b.dataset.section) }); break;
			case 'add-item': {
				const text = editor.querySelector(`[data-new-item="${b.dataset.section}"]`).value;
				send({ op: 'ADD_ITEM', section: Number(b.dataset.section), text });
				break;
			}
			case 'add-section':
				send({ op: 'ADD_SECTION', title: document.getElementById('new-section-title').value, kind: document.getElementById('new-section-kind').value });
				break;
			case 'add-target': {
				const row = b.closest('tr');
				const v = (name) => row.querySelector(`[data-new="${name}"]`).value;
				send({ op: 'ADD_TARGET', itemId: item, name: v('name'), value: v('value') === '' ? null : Number(v('value')), unit: v('unit'), direction: v('direction') });
				break;
			}
			case 'add-milestone': {
				const row = b.closest('tr');
				const v = (name) => row.querySelector(`[data-new="${name}"]`).value;
				send({ op: 'ADD_MILESTONE', itemId: item, type: v('type'), name: v('name'), plannedDate: v('plannedDate') || null });
				break;
			}
			default:
		}
	});
	document.querySelectorAll('#warnings a[data-line]').forEach((a) => a.addEventListener('click', (e) => {
		e.preventDefault();
		const line = document.getElementById('src-L' + a.dataset.line);
		if (line) {
			line.scrollIntoView({ block: 'center' });
			line.classList.add('flash');
		}
	}));
	document.getElementById('publish').addEventListener('click', async () => {
		try {
			const published = await postJson(`/api/plans/drafts/${encodeURIComponent(id)}/publish`, { reason: document.getElementById('publish-reason').value, revision: draft.revision });
			location.hash = '#/plans/' + published.planYear;
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
	document.getElementById('keep-draft').addEventListener('click', () => {
		location.hash = '#/plans/' + draft.planYear;
	});
	document.getElementById('discard').addEventListener('click', async () => {
		if (!window.confirm('放弃这份草稿？已做的修改不会发布。')) {
			return;
		}
		try {
			await api(`/api/plans/drafts/${encodeURIComponent(id)}?revision=${draft.revision}`, { method: 'DELETE' });
			location.hash = '#/plans/' + draft.planYear;
		} catch (e) {
			result.innerHTML = problemsTable(e);
		}
	});
}

function caret(e) {
	const t = e.target;
	if (t.dataset && t.dataset.itemText) {
		carets[t.dataset.itemText] = t.selectionStart;
	}
}

const ROUTES = {
	login: loginView,
	overview: overviewView,
	starred: starredView,
	projects: projectsView,
	items: itemView,
	inbox: inboxView,
	report: reportView,
	plans: plansView,
	review: reviewView,
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
