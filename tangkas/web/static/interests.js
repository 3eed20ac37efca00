// The interest questionnaire, one activity a screen (progressive enhancement of the full form in
// interests.html): answers kept in localStorage until the results are shown or "Mulai ulang" is pressed,
// keys 1-5 answer, Back/Next move, the progress is announced. Without this file the form still works.
(() => {
  const PREFIX = "tangkas-minat";
  const done = document.getElementById("interest-done");
  if (done) {  // the results page: the answers have served their purpose on this device
    Object.keys(localStorage).filter((k) => k.startsWith(PREFIX)).forEach((k) => localStorage.removeItem(k));
    return;
  }
  const form = document.getElementById("minat");
  if (!form) return;
  const key = `${PREFIX}-${form.dataset.form}`;
  const items = Array.from(form.querySelectorAll(".interest-item"));
  const total = items.length;
  const bar = form.querySelector(".interest-progress progress");
  const position = document.getElementById("interest-position");
  const [back, next] = form.querySelectorAll(".interest-nav button");
  const restart = document.getElementById("restart");
  const submit = document.getElementById("see-results");
  let current = 0;
  let pointer = 0;

  const answered = (item) => item.querySelector("input:checked") !== null;
  const read = () => {
    try { return JSON.parse(localStorage.getItem(key) || "{}"); } catch { return {}; }
  };
  const save = () => {
    const answers = {};
    items.forEach((item) => {
      const checked = item.querySelector("input:checked");
      if (checked) answers[item.dataset.number] = checked.value;
    });
    const state = { answers, position: current, education: form.education.value, province: form.province.value };
    try { localStorage.setItem(key, JSON.stringify(state)); } catch { /* private mode: nothing kept */ }
  };
  const firstOpen = () => Math.max(0, items.findIndex((item) => !answered(item)));

  const show = (index, focus) => {
    current = Math.min(Math.max(index, 0), total - 1);
    items.forEach((item, i) => item.classList.toggle("current", i === current));
    const complete = items.every(answered);
    form.classList.toggle("complete", complete);
    bar.value = current + 1;
    position.textContent = form.dataset.progress.replace("{n}", current + 1).replace("{total}", total);
    back.disabled = current === 0;
    next.disabled = current === total - 1 || !answered(items[current]);
    if (focus) {
      const item = items[current];
      (item.querySelector("input:checked") || item.querySelector("input")).focus();
    }
    save();
  };

  const choose = (value) => {
    const input = items[current].querySelector(`input[value="${value}"]`);
    input.checked = true;
    advance();
  };
  const advance = () => {
    save();
    if (current < total - 1) {
      window.setTimeout(() => show(current + 1, true), 200);
    } else {
      show(current, false);
      submit.focus();
    }
  };

  // Restore: answers the server filled in (a returned form) win over those kept on this device.
  const kept = read();
  const filled = items.some(answered);
  if (!filled && kept.answers) {
    Object.entries(kept.answers).forEach(([number, value]) => {
      const input = form.querySelector(`input[name="q${number}"][value="${value}"]`);
      if (input) input.checked = true;
    });
    if (kept.education && !form.education.value) form.education.value = kept.education;
    if (kept.province && !form.province.value) form.province.value = kept.province;
  }
  const problem = Number(form.dataset.firstProblem || 0);
  const start = problem ? items.findIndex((item) => Number(item.dataset.number) === problem)
    : !filled && Number.isInteger(kept.position) ? kept.position : firstOpen();

  form.classList.add("one-by-one");
  form.querySelector(".interest-hint").after(form.querySelector(".about"));  // asked below the activity
  form.querySelectorAll(".interest-progress, .interest-nav, .interest-hint").forEach((el) => { el.hidden = false; });
  restart.hidden = false;

  form.addEventListener("pointerdown", () => { pointer = Date.now(); });
  form.addEventListener("change", (event) => {
    const target = event.target;
    if (target.matches(".answer input")) {
      // a tap or click answers and moves on; arrow keys only change the answer
      if (Date.now() - pointer < 1500) advance(); else show(current, false);
    } else {
      save();
    }
  });
  form.addEventListener("keydown", (event) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    if (event.target.matches("select, textarea, input[type=text]")) return;
    if (/^[1-5]$/.test(event.key)) {
      event.preventDefault();
      choose(Number(event.key) - 1);
    } else if (event.key === "Enter" && event.target.matches(".answer input")) {
      event.preventDefault();  // Enter on an answer moves on instead of sending the form half done
      if (answered(items[current])) advance();
    }
  });
  back.addEventListener("click", () => show(current - 1, true));
  next.addEventListener("click", () => show(current + 1, true));
  restart.addEventListener("click", () => {
    form.querySelectorAll(".answer input").forEach((input) => { input.checked = false; });
    localStorage.removeItem(key);
    show(0, true);
  });
  form.addEventListener("submit", (event) => {
    const open = items.findIndex((item) => !answered(item));
    if (open >= 0) {
      event.preventDefault();
      show(open, true);
    }
  });
  show(start < 0 ? 0 : start, problem > 0);
})();
