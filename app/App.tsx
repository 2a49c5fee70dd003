export function App() {
  return (
    <>
      <header>
        <h1>Folioscope</h1>
      </header>
      <main>
        <p>The guest_memfd visualiser is under construction.</p>
      </main>
    </>
  );
}
