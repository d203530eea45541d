/** The image a debug container is started from, as both the tab and a failed session ask it. */
export function DebugImageField({
  image,
  onChange,
  className,
}: {
  image: string;
  onChange: (image: string) => void;
  className?: string;
}) {
  return (
    <label className={className}>
      Image{' '}
      <input
        value={image}
        onChange={(event) => onChange(event.target.value)}
        aria-label="Debug container image"
      />
    </label>
  );
}
