import { notFound } from 'next/navigation';
import { DiffView } from '@/components/editor/diff-view';
import { asGraph, loadEditorData } from '../../load-version';

export const dynamic = 'force-dynamic';

export default async function ComparePage({ params, searchParams }: { params: Promise<{ id: string }>; searchParams: Promise<{ a?: string; b?: string }> }) {
  const { id } = await params;
  const { a, b } = await searchParams;
  const [va, vb] = await Promise.all([loadEditorData(id, Number(a)), loadEditorData(id, Number(b))]);
  if (!va.version || !vb.version) notFound();
  return <DiffView pipeline={va.pipeline} a={{ number: va.version.number, graph: asGraph(va.version.graph) }} b={{ number: vb.version.number, graph: asGraph(vb.version.graph) }} />;
}
