import { useMemo } from 'react';
import qrcode from 'qrcode-generator';

/** A QR code drawn as SVG (no image request), black on white with a quiet zone so phones can read it on the dark theme. */
export function QrCode({ text, size = 168, label, testId }: { text: string; size?: number; label: string; testId?: string }) {
  const { path, count } = useMemo(() => {
    const qr = qrcode(0, 'M');
    qr.addData(text);
    qr.make();
    const n = qr.getModuleCount();
    let d = '';
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) if (qr.isDark(row, col)) d += `M${col + 4} ${row + 4}h1v1h-1z`;
    }
    return { path: d, count: n };
  }, [text]);
  const box = count + 8;
  return (
    <svg
      className="qr-code"
      role="img"
      aria-label={label}
      width={size}
      height={size}
      viewBox={`0 0 ${box} ${box}`}
      shapeRendering="crispEdges"
      data-testid={testId}
      data-modules={count}
    >
      <rect width={box} height={box} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  );
}
