import { useEffect, useRef, useState } from 'react';
import { api } from '../api/index.js';
import { Icon } from './Icon.js';

/** Item images do not change once a series is saved, so each is fetched once per session (failures are retried next time). */
const cache = new Map<string, Promise<string | null>>();

function loadImage(itemId: string): Promise<string | null> {
  let pending = cache.get(itemId);
  if (!pending) {
    pending = api()
      .call('boxes.itemImage', { itemId })
      .then((r) => r.dataUrl)
      .catch(() => {
        cache.delete(itemId);
        return null;
      });
    cache.set(itemId, pending);
  }
  return pending;
}

/**
 * A blind-box item's picture, fetched through main (boxes.itemImage) only once it scrolls into view:
 * a shop or a collection can hold many items and the renderer never reaches the cloud itself.
 */
export function BoxItemImage({ itemId, hasImage, alt, testId, className }: { itemId: string; hasImage: boolean; alt: string; testId?: string; className?: string }) {
  const holder = useRef<HTMLDivElement>(null);
  const [visible, setVisible] = useState(false);
  const [src, setSrc] = useState<string | null>(null);

  useEffect(() => {
    const el = holder.current;
    if (!hasImage || !el) return;
    if (typeof IntersectionObserver === 'undefined') {
      setVisible(true);
      return;
    }
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) {
        setVisible(true);
        observer.disconnect();
      }
    });
    observer.observe(el);
    return () => observer.disconnect();
  }, [hasImage]);

  useEffect(() => {
    if (!visible) return;
    let live = true;
    void loadImage(itemId).then((url) => {
      if (live) setSrc(url);
    });
    return () => {
      live = false;
    };
  }, [visible, itemId]);

  return (
    <div ref={holder} className={className ? `box-image ${className}` : 'box-image'} data-testid={testId} data-loaded={src ? 'true' : 'false'}>
      {src ? <img src={src} alt={alt} loading="lazy" /> : <Icon name="cube" size={28} />}
    </div>
  );
}
