"""Rights' background work (ADR-012): gathering a copy of a person's record, and writing
the released copy's files. The page that asked only queues these."""

from django_tasks import task

from peerpath.jobs.runner import job


@task(takes_context=True)
@job(retries=3)
def assemble_access_pack(access_request_id: int) -> int:
    """Gather every record about the person into the request's items."""
    from .services import pack_assemble

    return pack_assemble(access_request_id)


@task(takes_context=True)
@job(retries=3)
def render_access_pack(access_request_id: int) -> int:
    """Write the released copy's PDF and JSON file and tell the person."""
    from .services import pack_render

    return pack_render(access_request_id)
