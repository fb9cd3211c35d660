"""Opening a region's next cycle on the web: its secretariat for its own kabupaten/kota, an
administrator for any (named with ?wilayah=, chosen first from a list). One call of
`evaluation.setup.open_cycle`, which `layak open-cycle` shares; what it carried over from the
year before is read back (`carryover.carried_into`) and said the same way by both."""

from __future__ import annotations

from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from layak.accounts import policy
from layak.accounts.policy import allow
from layak.accounts.roles import MANAGERS
from layak.accounts.typing import SignedInRequest
from layak.core.loader import builtin_ids, load_builtin
from layak.core.wilayah import Level
from layak.evaluation import carryover, setup
from layak.evaluation.forms import CycleForm
from layak.evaluation.lookups import region_to_open
from layak.evaluation.models import Cycle
from layak.regions.models import Region
from layak.web.forms import form_page


@require_http_methods(["GET", "POST"])
@allow(*MANAGERS)
def cycle_new(request: SignedInRequest) -> HttpResponse:
    """The form of a new cycle, its dates in the region's own time zone (WIB/WITA/WIT)."""
    code = request.GET.get("wilayah", "").strip() or request.user.region_id or ""
    if not code:
        return _choose_region(request)
    region = region_to_open(request.user, code)
    cycles = list(Cycle.objects.filter(region=region).order_by("-year"))
    latest = cycles[0].year if cycles else timezone.localdate().year
    instrument_id = builtin_ids()[-1]
    initial = {
        "year": latest + 1,
        "instrument": instrument_id,
        "target_predicate": cycles[0].target_predicate if cycles else "Utama",
    }
    form = CycleForm(request.POST or None, initial=initial)

    def save() -> HttpResponse:
        data = form.cleaned_data
        cycle, unmatched = setup.open_cycle(
            region,
            data["year"],
            load_builtin(data["instrument"]),
            form.windows(),
            data["target_predicate"],
            carry_answers_over=data["carry_answers"],
            by=request.user,
            request=request,
        )
        messages.success(request, _("Siklus %(cycle)s dibuka.") % {"cycle": cycle})
        for line in carryover.carried_into(cycle).lines():
            messages.info(request, line)
        if unmatched:
            messages.warning(
                request,
                _(
                    "Sumber data tanpa OPD (tambahkan nama lain pada OPD atau tugaskan manual): "
                    "%(names)s"
                )
                % {"names": ", ".join(unmatched)},
            )
        return redirect("evaluation:stages", cycle_id=cycle.pk)

    source = carryover.previous_cycle(region, latest + 1, instrument_id)
    context = {"region": region, "zone": region.zone, "cycles": cycles, "source": source}
    with timezone.override(region.zone.info):  # the form reads and shows local time
        return form_page(request, form, "evaluation/cycle_form.html", context, save)


def _choose_region(request: SignedInRequest) -> HttpResponse:
    """An administrator, who has no region of their own, first names the kabupaten/kota."""
    if not policy.manages_every_region(request.user):
        raise Http404
    regencies = Region.objects.filter(level=Level.REGENCY).select_related("parent")
    return render(request, "evaluation/cycle_region.html", {"regions": regencies})
