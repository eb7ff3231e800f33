// The notice line under the settings: one message at a time, tied to a topic so that the event that ends a topic
// (a run's end, a good reload) clears what was said about it. Errors are announced assertively.
const element = () => document.querySelector('#notice');
let currentTopic = null;

/**
 * Shows a notice.
 * @param {string} text what to say
 * @param {{ tone?: 'info'|'success'|'error', topic?: string }} options the tone, and the topic that clears it
 */
export function notice(text, { tone = 'info', topic = null } = {}) {
  const box = element();
  box.textContent = text;
  box.dataset.tone = tone;
  box.setAttribute('aria-live', tone === 'error' ? 'assertive' : 'polite');
  box.hidden = false;
  currentTopic = topic;
}

/** Clears the notice: any (no topic), or only one about the given topic. */
export function clearNotice(topic = null) {
  if (topic !== null && topic !== currentTopic) return;
  const box = element();
  box.textContent = '';
  box.hidden = true;
  delete box.dataset.tone;
  currentTopic = null;
}

/** Whether a notice is on screen (a later notice must not be overwritten by an older event's). */
export function hasNotice() {
  return !element().hidden && element().textContent !== '';
}
