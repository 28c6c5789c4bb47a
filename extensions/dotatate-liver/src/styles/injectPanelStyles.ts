/** Set by the build to the minified contents of src/styles.css; absent when built from source by a host. */
declare const __DOTATATE_LIVER_PANEL_CSS__: string | undefined;

const STYLE_ELEMENT_ID = 'ohif-extension-dotatate-liver-styles';

/**
 * Adds the panel's self-contained stylesheet to the document once, so the panel looks right
 * without the host loading dist/index.css. Hosts building from source import src/styles.css.
 */
export function injectPanelStyles(targetDocument: Document | undefined = globalThis.document): boolean {
  const css = typeof __DOTATATE_LIVER_PANEL_CSS__ === 'string' ? __DOTATATE_LIVER_PANEL_CSS__ : '';
  if (!css || !targetDocument || targetDocument.getElementById(STYLE_ELEMENT_ID)) {
    return false;
  }
  const style = targetDocument.createElement('style');
  style.id = STYLE_ELEMENT_ID;
  style.textContent = css;
  targetDocument.head.appendChild(style);
  return true;
}
