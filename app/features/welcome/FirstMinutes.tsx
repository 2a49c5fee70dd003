import { GlossaryHost } from '../glossary/GlossaryDialog.tsx';
import { NoticeToast } from '../notice/NoticeToast.tsx';
import { Welcome } from './Welcome.tsx';

/** What helps a newcomer, mounted once beside the layout: welcome, glossary, visible notices. */
export function FirstMinutes() {
  return (
    <>
      <Welcome />
      <GlossaryHost />
      <NoticeToast />
    </>
  );
}
