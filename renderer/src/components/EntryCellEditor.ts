import type { ICellEditorComp, ICellEditorParams } from 'ag-grid-community';

/**
 * The text editor of the collection grid: ag-grid's own, less one race. Entering a cell by Tab,
 * ag-grid selects the editor's whole text (so typing replaces it) a moment after the editor took
 * the focus; keys typed in that moment were selected and overwritten ("20" stored as "0"). Here
 * the text is selected only while nothing has been typed into the editor yet.
 */
export class EntryCellEditor implements ICellEditorComp {
  private gui!: HTMLDivElement;
  private input!: HTMLInputElement;
  private typed = false;
  private selectAll = false;
  private focusOnAttach = false;

  init(params: ICellEditorParams): void {
    const gui = document.createElement('div');
    gui.className = 'ag-cell-editor ag-text-field ag-input-field';
    const wrap = document.createElement('div');
    wrap.className = 'ag-wrapper ag-input-wrapper ag-text-field-input-wrapper';
    const input = document.createElement('input');
    input.type = 'text';
    input.className = 'ag-input-field-input ag-text-field-input';
    input.autocomplete = 'off';
    input.spellcheck = false;
    input.setAttribute('aria-label', '输入指标值');
    wrap.appendChild(input);
    gui.appendChild(wrap);

    const key = params.eventKey;
    this.focusOnAttach = params.cellStartedEdit !== false;
    if (key === 'Backspace' || key === 'Delete') input.value = '';
    else if (key != null && key.length === 1)
      input.value = key; // typing over the cell
    else {
      input.value = params.value == null ? '' : String(params.value);
      this.selectAll = key !== 'F2';
    }
    input.addEventListener('input', () => {
      this.typed = true;
    });
    input.addEventListener('keydown', (e) => {
      if (e.key === 'PageUp' || e.key === 'PageDown') e.preventDefault();
    });
    this.gui = gui;
    this.input = input;
  }

  getGui(): HTMLElement {
    return this.gui;
  }

  getValue(): string {
    return this.input.value;
  }

  afterGuiAttached(): void {
    if (!this.focusOnAttach) return;
    this.input.focus();
    if (this.typed) return;
    if (this.selectAll) this.input.select();
    else this.input.setSelectionRange(this.input.value.length, this.input.value.length);
  }

  /** Called by ag-grid when the editor is entered by Tab (and in full-row editing). */
  focusIn(): void {
    this.input.focus();
    if (!this.typed) this.input.select();
  }

  getFocusableElement(): HTMLElement {
    return this.input;
  }
}
