/** A form row: a label in the left column and its text on the right, kept on one page. */
import type { PageFrame, TextStyle } from './page-frame.js';

export function labelledRow(frame: PageFrame, labelWidth: number, label: string, text: string, style?: TextStyle): void {
  const { layout } = frame;
  const labelStyle: TextStyle = { bold: true, size: layout.fontSize.label, color: layout.color.accent };
  const textStyle = style ?? { size: layout.fontSize.body };
  const textWidth = frame.width - labelWidth;
  const height = Math.max(frame.measure(label, labelStyle, labelWidth - 6), frame.measure(text, textStyle, textWidth));
  frame.ensure(height);
  const y = frame.y;
  // The label's cap height is smaller than the text's: align their first baselines.
  const labelShift = (textStyle.size - labelStyle.size) * 0.8;
  frame.text('H2', label, labelStyle, frame.left, y + labelShift, labelWidth - 6);
  frame.text('P', text, textStyle, frame.left + labelWidth, y, textWidth);
  frame.y = y + height + layout.spacing.section;
}
