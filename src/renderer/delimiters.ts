/** The field separators the import and export dialogs offer by name (any other can be typed on import). */
export const DELIMITERS: readonly { label: string; value: string }[] = [
  { label: 'Comma ,', value: ',' },
  { label: 'Semicolon ;', value: ';' },
  { label: 'Tab', value: '\t' },
  { label: 'Pipe |', value: '|' },
];
