/** A tour of the welcome (a scenario tour or a race tour): title, one line, and its length. */
export function TourButton({
  title,
  line,
  steps,
  minutes,
  onPlay,
}: {
  title: string;
  line: string;
  steps: number;
  minutes: number;
  onPlay: () => void;
}) {
  return (
    <button type="button" className="welcome-tour" onClick={onPlay}>
      <strong>{title}</strong>
      <span>{line}</span>
      <span className="muted">{`${steps} steps · about ${minutes} min`}</span>
    </button>
  );
}
