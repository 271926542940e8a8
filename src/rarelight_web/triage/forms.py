"""The upload form: an annotated VCF, the patient's HPO terms, optional family and panel."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

SUFFIXES = (".vcf", ".vcf.gz", ".bcf")
_HPO = re.compile(r"HP:\d{7}")


def max_upload_bytes() -> int:
    return int(getattr(settings, "TRIAGE_MAX_UPLOAD_BYTES", 200 * 1024 * 1024))


def _terms(text: str, field: object) -> list[str]:
    found = _HPO.findall(text)
    leftover = _HPO.sub(" ", text).replace(",", " ").split()
    if leftover:
        raise forms.ValidationError(
            _(
                "%(field)s: “%(word)s” is not an HPO id; write ids like HP:0001332, separated by spaces or commas."
            ),
            params={"field": field, "word": leftover[0]},
        )
    return list(dict.fromkeys(found))


class TriageForm(forms.Form):
    vcf = forms.FileField(
        label=_("Annotated VCF"),
        help_text=_("VCF, VCF.gz or BCF annotated by VEP (CSQ) or SnpEff (ANN)."),
    )
    observed = forms.CharField(
        label=_("Observed features (HPO ids)"),
        max_length=5000,
        help_text=_("For example HP:0001332 HP:0002451"),
    )
    excluded = forms.CharField(
        label=_("Features checked and absent (HPO ids)"), max_length=5000, required=False
    )
    proband = forms.CharField(
        label=_("Proband sample id (when the VCF has several)"), max_length=200, required=False
    )
    ped = forms.FileField(label=_("PED file for a trio (optional)"), required=False)
    panel = forms.ChoiceField(
        label=_("Gene panel"),
        choices=[("", _("No panel")), ("dystonia", _("Dystonia genes (from the HPO)"))],
        required=False,
    )
    panel_only = forms.BooleanField(label=_("Only genes in the panel"), required=False)

    def __init__(self, *args: Any, oversized: list[str] | None = None, **kwargs: Any) -> None:
        """`oversized`: files the upload handler dropped for passing the size limit."""
        super().__init__(*args, **kwargs)
        self.oversized = oversized or []
        if self.oversized:
            self.fields["vcf"].required = False

    def clean_vcf(self) -> Any:
        upload = self.cleaned_data["vcf"]
        if upload is None:  # dropped for its size: clean() says so
            return upload
        if not upload.name.lower().endswith(SUFFIXES):
            raise forms.ValidationError(_("Upload a .vcf, .vcf.gz or .bcf file."))
        limit = max_upload_bytes()
        if upload.size > limit:
            raise forms.ValidationError(
                _("The file is %(size)s MB; the limit is %(limit)s MB."),
                params={
                    "size": round(upload.size / 1048576, 1),
                    "limit": round(limit / 1048576, 1),
                },
            )
        return upload

    def clean_ped(self) -> Any:
        upload = self.cleaned_data.get("ped")
        if upload and upload.size > 100_000:
            raise forms.ValidationError(_("A PED file is a few lines; this one is over 100 kB."))
        return upload

    def clean_observed(self) -> list[str]:
        terms = _terms(self.cleaned_data["observed"], _("Observed features"))
        if not terms:
            raise forms.ValidationError(_("Give at least one HPO id, e.g. HP:0001332."))
        return terms

    def clean_excluded(self) -> list[str]:
        return _terms(self.cleaned_data.get("excluded") or "", _("Absent features"))

    def clean(self) -> dict[str, Any] | None:
        data = super().clean()
        for name in self.oversized:
            self.add_error(
                "vcf",
                _("%(name)s is larger than %(limit)s MB, so it was not uploaded.")
                % {"name": name, "limit": round(max_upload_bytes() / 1048576, 1)},
            )
        if data and data.get("panel_only") and not data.get("panel"):
            self.add_error("panel", _("Choose a panel to rank only its genes."))
        return data
