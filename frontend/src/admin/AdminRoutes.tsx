import { PageHeader } from "../ui/Page";

export default function AdminRoutes() {
  return <PageHeader title="Admin" />;
}
