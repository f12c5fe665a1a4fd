"""The named people of the demo world and the tests (DESIGN.md §5): one per kind of user.

Their second factor uses a TOTP key derived from the user name, so the demo and the tests can compute codes.
That is only acceptable for synthetic demo accounts; `demo_world` refuses to run outside demo or debug mode.
"""

from __future__ import annotations

import hashlib
import time
from dataclasses import dataclass

from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from doelbinding.policy import Role

DEMO_PASSWORD = "Doelbinding-demo-2026"
VOORBEELD = "gemeente-voorbeeld"
EXECUTING = "uitvoering-dinkelrand"


@dataclass(frozen=True)
class Persona:
    username: str
    first_name: str
    last_name: str
    function_title: str
    organisation: str
    roles: tuple[Role, ...]
    domains: tuple[str, ...] = ()


PERSONAS = (
    Persona("fg", "Fatima", "Goudsmit", "Functionaris gegevensbescherming", VOORBEELD, (Role.FG,)),
    Persona("regisseur", "Ruben", "Egberts", "Casusregisseur", VOORBEELD, (Role.REGISSEUR,), ("zorg-veiligheid",)),
    Persona("wmo_consulent", "Wendy", "Molenaar", "Consulent Wmo", VOORBEELD, (Role.CONSULENT,), ("wmo",)),
    Persona("jeugd_consulent", "Jeroen", "Jansen", "Consulent Jeugd", VOORBEELD, (Role.CONSULENT,), ("jeugd",)),
    Persona("teamleider", "Thea", "Lindeboom", "Teamleider wijkteam", VOORBEELD, (Role.TEAM_LEAD,), ("wmo", "jeugd")),
    Persona("manager", "Marco", "Arends", "Afdelingshoofd sociaal domein", VOORBEELD, (Role.HEAD_OF_SOCIAL_DOMAIN,)),
    Persona(
        "klachtencoordinator", "Karin", "Claassen", "Klachtencoördinator", VOORBEELD, (Role.COMPLAINTS_COORDINATOR,)
    ),
    Persona("ciso", "Cees", "Isenborg", "CISO", VOORBEELD, (Role.CISO,)),
    Persona("beheerder", "Bart", "Heerink", "Applicatiebeheerder", VOORBEELD, (Role.APPLICATION_MANAGER,)),
    Persona("buitenstaander", "Bram", "Uiterwijk", "Consulent Wmo", EXECUTING, (Role.CONSULENT,), ("wmo",)),
)

PERSONAS_BY_NAME = {p.username: p for p in PERSONAS}


def demo_totp_key(username: str) -> str:
    """40 hex digits (20 bytes), the form django-otp stores."""
    return hashlib.sha1(f"doelbinding-demo:{username}".encode()).hexdigest()


def give_demo_second_factor(user) -> TOTPDevice:
    device, _ = TOTPDevice.objects.update_or_create(
        user=user, name="default", defaults={"key": demo_totp_key(user.username), "confirmed": True}
    )
    return device


def current_code(device: TOTPDevice) -> str:
    """A code the device accepts now: this time step's, or the next one's if this one was used already
    (django-otp refuses a code twice, and accepts one step ahead)."""
    step = max(int(time.time() - device.t0) // device.step, device.last_t + 1)
    generator = TOTP(device.bin_key, device.step, device.t0, device.digits, 0)
    generator.time = device.t0 + step * device.step
    return f"{generator.token():0{device.digits}d}"
