package io.ward.server.web;

import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.Keys;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.remote.RemoteWebDriver;

/**
 * Accessibility checks run inside the page the browser shows (WCAG 2.1 AA text contrast, names of
 * controls, keyboard order and focus indicator, horizontal overflow). Each check returns one line
 * per failure, naming the element by a short selector and its text, so a report says what to fix.
 */
final class PageChecks {
  /** Shared JavaScript: a short name for an element, and visibility as a person sees it. */
  private static final String COMMON =
      """
      const describe = (el) => {
        let s = el.tagName.toLowerCase();
        if (el.id) s += '#' + el.id;
        else if (el.classList.length) s += '.' + [...el.classList].join('.');
        const p = el.parentElement;
        if (p && !el.id) {
          let ps = p.tagName.toLowerCase();
          if (p.id) ps += '#' + p.id; else if (p.classList.length) ps += '.' + [...p.classList].join('.');
          s = ps + ' > ' + s;
        }
        const t = (el.innerText || el.value || el.getAttribute('aria-label') || '')
          .replace(/\\s+/g, ' ').trim().slice(0, 40);
        return s + (t ? ' "' + t + '"' : '');
      };
      const visible = (el) => {
        if (el.closest('[hidden], template')) return false;
        // Also false inside a closed <details> (its content is skipped, not display: none).
        if (!el.checkVisibility({checkOpacity: false, checkVisibilityCSS: true})) return false;
        const st = getComputedStyle(el);
        if (st.visibility !== 'visible' || st.display === 'none') return false;
        const r = el.getBoundingClientRect();
        return r.width > 1 && r.height > 1 && el.getClientRects().length > 0;
      };
      """;

  /**
   * Contrast of every visible element that holds text of its own (and of controls showing a value)
   * against the first opaque background behind it; backgrounds drawn from images or gradients are
   * unknown and skipped. The ratio must be 4.5, or 3 for large text.
   */
  private static final String CONTRAST =
      COMMON
          + """
      const rgba = (s) => {
        const m = s.match(/rgba?\\(([^)]+)\\)/);
        if (!m) return null;
        const p = m[1].split(/[ ,\\/]+/).filter(x => x).map(Number);
        return [p[0], p[1], p[2], p.length > 3 ? p[3] : 1];
      };
      const over = (top, below) => {
        const a = top[3];
        return [0, 1, 2].map(i => top[i] * a + below[i] * (1 - a)).concat([1]);
      };
      const background = (el) => {
        const layers = [];
        for (let e = el; e; e = e.parentElement) {
          const st = getComputedStyle(e);
          if (st.backgroundImage !== 'none') return null;
          const c = rgba(st.backgroundColor);
          if (c && c[3] > 0) {
            layers.push(c);
            if (c[3] >= 1) break;
          }
        }
        let bg = [255, 255, 255, 1];
        for (let i = layers.length - 1; i >= 0; i--) bg = over(layers[i], bg);
        return bg;
      };
      const lum = (c) => {
        const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); };
        return 0.2126 * f(c[0]) + 0.7152 * f(c[1]) + 0.0722 * f(c[2]);
      };
      const hex = (c) => '#' + c.slice(0, 3).map(v => Math.round(v).toString(16).padStart(2, '0')).join('');
      const out = [];
      const ownText = (el) => [...el.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
      const showsValue = (el) => (el.matches('select')
          || (el.matches('input:not([type=hidden]):not([type=checkbox]):not([type=radio]):not([type=file]):not([type=range]):not([type=color])') && el.value)
          || (el.matches('textarea') && el.value));
      for (const el of document.body.querySelectorAll('*')) {
        if (!(ownText(el) || showsValue(el)) || el.matches('script, style, noscript, option, :disabled')) continue;
        if (!visible(el)) continue;
        const r = el.getBoundingClientRect();
        if (r.bottom <= 0 || r.right <= 0) continue; // off-screen until focused (skip link)
        const st = getComputedStyle(el);
        if (st.clip !== 'auto' || st.clipPath !== 'none') continue; // visually hidden text
        const bg = background(el);
        if (!bg) continue;
        const fg = over(rgba(st.color), bg);
        const l1 = lum(fg), l2 = lum(bg);
        const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
        const size = parseFloat(st.fontSize);
        const bold = parseInt(st.fontWeight, 10) >= 700;
        const large = size >= 24 || (size >= 18.66 && bold);
        const need = large ? 3 : 4.5;
        if (ratio + 1e-9 < need) {
          out.push(describe(el) + ': ' + hex(fg) + ' on ' + hex(bg) + ' is ' + ratio.toFixed(2)
              + ':1, needs ' + need + ' (' + size + 'px' + (bold ? ' bold' : '') + ')');
        }
      }
      return out;
      """;

  /** Names: form controls, images, buttons and links. */
  private static final String NAMES =
      COMMON
          + """
      const out = [];
      const text = (el) => (el ? el.textContent.replace(/\\s+/g, ' ').trim() : '');
      const labelled = (el) => {
        if ((el.getAttribute('aria-label') || '').trim()) return true;
        const ids = (el.getAttribute('aria-labelledby') || '').split(/\\s+/).filter(x => x);
        if (ids.some(id => text(document.getElementById(id)))) return true;
        return (el.getAttribute('title') || '').trim() !== '';
      };
      const controls = 'input:not([type=hidden]):not([type=submit]):not([type=button]):not([type=reset]), select, textarea';
      for (const el of document.querySelectorAll(controls)) {
        const byLabel = [...(el.labels || [])].some(l => text(l));
        if (!byLabel && !labelled(el)) out.push('control without a name: ' + describe(el));
      }
      for (const el of document.querySelectorAll('img')) {
        if (!el.hasAttribute('alt')) out.push('image without alt: ' + describe(el) + ' ' + el.src);
      }
      for (const el of document.querySelectorAll('a[href], button, input[type=submit], input[type=button]')) {
        const imgAlt = [...el.querySelectorAll('img[alt]')].some(i => i.alt.trim());
        if (!text(el) && !imgAlt && !(el.value || '').trim() && !labelled(el)) {
          out.push('button or link without a name: ' + describe(el));
        }
      }
      for (const el of document.querySelectorAll('[tabindex]')) {
        if (el.tabIndex > 0) out.push('positive tabindex ' + el.tabIndex + ': ' + describe(el));
      }
      const interactive = 'a[href], button, input:not([type=hidden]), select, textarea, summary';
      for (const el of document.querySelectorAll(interactive)) {
        if (el.getAttribute('tabindex') === '-1' && visible(el)) {
          out.push('visible control taken out of the tab order: ' + describe(el));
        }
      }
      return out;
      """;

  /**
   * The elements a Tab key should reach, in DOM order, and a listener recording what it reaches
   * with the outline and shadow each shows while focused.
   */
  private static final String TABBABLE =
      COMMON
          + """
      const sel = 'a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]';
      // Chromium lets the keyboard reach a scrolled box that holds nothing focusable (so its
      // content can be scrolled without a mouse); such boxes are Tab stops too.
      const scroller = (el) => {
        const st = getComputedStyle(el);
        const x = /auto|scroll/.test(st.overflowX) && el.scrollWidth > el.clientWidth;
        const y = /auto|scroll/.test(st.overflowY) && el.scrollHeight > el.clientHeight;
        return (x || y) && !el.querySelector(sel);
      };
      const radios = new Set();
      const list = [...document.body.querySelectorAll('*')].filter(el => el.matches(sel) || scroller(el)).filter(el => {
        if (el.disabled || (el.tabIndex < 0 && el.matches(sel)) || !visible(el)) return false;
        if (el.matches('summary') && el.parentElement.querySelector('summary') !== el) return false;
        if (el.matches('input[type=radio]')) {
          const key = (el.form ? 'f' : '') + el.name;
          if (radios.has(key)) return false;
          radios.add(key);
        }
        return true;
      });
      window.__wardExpected = list;
      window.__wardFocused = [];
      // Start the Tab walk at the top of the page whatever has focus (autofocus, a blur point):
      // focus a throwaway element placed first, then remove it.
      const start = document.createElement('span');
      start.tabIndex = -1;
      document.body.prepend(start);
      start.focus();
      start.remove();
      document.addEventListener('focusin', (e) => {
        const st = getComputedStyle(e.target);
        window.__wardFocused.push({el: e.target,
          look: st.outlineStyle + ' ' + st.outlineWidth + ' ' + st.outlineColor + ' | ' + st.boxShadow,
          outline: st.outlineStyle !== 'none' && parseFloat(st.outlineWidth) > 0
            && !/rgba\\(.*, 0\\)$/.test(st.outlineColor),
          shadow: st.boxShadow !== 'none'});
      }, true);
      return list.length;
      """;

  /** Compares what Tab reached with the expected order and each focused look with the plain one. */
  private static final String TABBED =
      COMMON
          + """
      const out = [];
      if (document.activeElement) document.activeElement.blur();
      const expected = window.__wardExpected, got = window.__wardFocused;
      const n = Math.min(expected.length, got.length);
      for (let i = 0; i < n; i++) {
        if (got[i].el !== expected[i]) {
          out.push('Tab stop ' + (i + 1) + ' reached ' + describe(got[i].el) + ', expected '
              + describe(expected[i]));
          break;
        }
      }
      if (got.length < expected.length) {
        out.push('Tab reached ' + got.length + ' of ' + expected.length + ' controls');
      }
      for (let i = 0; i < n; i++) {
        const f = got[i];
        const st = getComputedStyle(f.el);
        const plain = st.outlineStyle + ' ' + st.outlineWidth + ' ' + st.outlineColor + ' | ' + st.boxShadow;
        if (!(f.outline || f.shadow) || plain === f.look) {
          out.push('no visible focus indicator: ' + describe(f.el) + ' (' + f.look + ')');
        }
      }
      return out;
      """;

  /** The document's width against the viewport's, with the elements that stick out. */
  private static final String OVERFLOW =
      COMMON
          + """
      const w = window.innerWidth;
      const sw = document.documentElement.scrollWidth;
      if (sw <= w + 1) return [];
      const out = ['document is ' + sw + 'px wide in a ' + w + 'px viewport'];
      const scrolls = (e) => { const o = getComputedStyle(e).overflowX; return o === 'auto' || o === 'scroll' || o === 'hidden'; };
      for (const el of document.body.querySelectorAll('*')) {
        if (!visible(el) || el.getBoundingClientRect().right <= w + 1) continue;
        let inside = false;
        for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
          if (scrolls(p) || p.getBoundingClientRect().right > w + 1) { inside = true; break; }
        }
        if (!inside) out.push('sticks out to ' + Math.round(el.getBoundingClientRect().right) + 'px: ' + describe(el));
      }
      return out;
      """;

  private final RemoteWebDriver driver;

  PageChecks(RemoteWebDriver driver) {
    this.driver = driver;
  }

  /** Text below WCAG AA contrast. */
  List<String> contrast() {
    return run(CONTRAST);
  }

  /** Controls, images, buttons and links without names; tab order overrides. */
  List<String> names() {
    return run(NAMES);
  }

  /**
   * Presses Tab once per control that should take focus and reports a control skipped or reached
   * out of DOM order, and one whose focused look does not differ from its plain one.
   */
  List<String> keyboard() {
    long stops = (Long) driver.executeScript(TABBABLE);
    // A date or time input takes one Tab per part (day, month, year) without leaving the input,
    // so press on until every stop was reached or Tab no longer moves the focus.
    long reached = 0;
    for (int round = 0; round < 8 && reached < stops; round++) {
      Actions keys = new Actions(driver);
      for (long i = reached; i < stops; i++) {
        keys.sendKeys(Keys.TAB);
      }
      keys.perform();
      long now = (Long) driver.executeScript("return window.__wardFocused.length;");
      if (now == reached && round > 0) {
        break;
      }
      reached = now;
    }
    return run(TABBED);
  }

  /** Horizontal overflow of the document. */
  List<String> overflow() {
    return run(OVERFLOW);
  }

  @SuppressWarnings("unchecked")
  private List<String> run(String script) {
    Object result = driver.executeScript(script);
    return result == null ? List.of() : new ArrayList<>((List<String>) result);
  }
}
