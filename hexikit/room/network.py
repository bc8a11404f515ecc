"""Which of the laptop's addresses the phones can most likely reach.

`laptop_addresses()` lists the IPv4 addresses of the interfaces that are up (psutil), the one
most likely reachable from a phone first: never loopback or link-local (169.254.x.x, which a
network without DHCP hands out), never a container or VM bridge (docker, virbr, veth, ...).
The address the laptop's default route leaves from comes first, then private LAN addresses
(venue Wi-Fi, the laptop's own hotspot), Wi-Fi before cable, VPN tunnels last. The ranking
(`rank_addresses`) is a pure function of what the system reports, so it is tested with the
awkward cases a venue produces.
"""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass

from hexikit.base.i18n import _

#: Interfaces of containers and virtual machines: phones never reach these.
VIRTUAL_PREFIXES = (
    "docker",
    "br-",
    "virbr",
    "veth",
    "lxc",
    "lxd",
    "cni",
    "flannel",
    "podman",
    "vboxnet",
    "vmnet",
    "vethernet",  # Windows: "vEthernet (WSL)", Hyper-V switches
    "utun",
)
TUNNEL_PREFIXES = ("tun", "tap", "wg", "tailscale", "zt", "ppp", "ipsec")
WIRELESS_PREFIXES = ("wl", "wi-fi", "wifi", "wireless", "ap")
WIRED_PREFIXES = ("en", "eth", "ethernet")


@dataclass(frozen=True)
class Interface:
    """What the system says of one address: the interface's name, the address, whether up."""

    name: str
    address: str
    up: bool = True


@dataclass(frozen=True)
class Address:
    """An address the room can listen on, with a word on why it is where it is in the list."""

    address: str
    interface: str
    note: str

    @property
    def label(self) -> str:
        return f"{self.address} ({self.interface}{', ' + self.note if self.note else ''})"


def _score(interface: Interface, route_address: str | None) -> int | None:
    """Higher is likelier reachable; None: never offer it."""
    try:
        ip = ipaddress.ip_address(interface.address)
    except ValueError:
        return None
    name = interface.name.casefold()
    if (
        not interface.up
        or ip.version != 4
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_unspecified
        or name.startswith(VIRTUAL_PREFIXES)
    ):
        return None
    score = 0
    if interface.address == route_address:
        score += 100
    if ip.is_private:
        score += 50
    if name.startswith(WIRELESS_PREFIXES):
        score += 20
    elif name.startswith(WIRED_PREFIXES):
        score += 10
    if name.startswith(TUNNEL_PREFIXES):
        score -= 80
    return score


def _note(interface: Interface, route_address: str | None) -> str:
    name = interface.name.casefold()
    if name.startswith(TUNNEL_PREFIXES):
        return _("a VPN: phones cannot usually reach it")
    if interface.address == route_address:
        return _("the network this laptop uses")
    if name.startswith(WIRELESS_PREFIXES):
        return _("Wi-Fi or hotspot")
    return ""


def rank_addresses(interfaces: list[Interface], route_address: str | None) -> list[Address]:
    """The usable addresses, likeliest reachable first (ties keep the system's order)."""
    scored: list[tuple[int, int, Interface]] = []
    seen: set[str] = set()
    for index, interface in enumerate(interfaces):
        score = _score(interface, route_address)
        if score is None or interface.address in seen:
            continue
        seen.add(interface.address)
        scored.append((-score, index, interface))
    scored.sort()
    return [Address(item.address, item.name, _note(item, route_address)) for _s, _i, item in scored]


def route_address() -> str | None:
    """The address this laptop's default route leaves from (no packet is sent), or None."""
    import socket  # here: the Capture page imports this module before its first paint

    probe = socket.socket(socket.AF_INET, socket.SOCK_DGRAM)
    try:
        probe.connect(("192.0.2.1", 9))  # TEST-NET-1: never routed anywhere real
        address = str(probe.getsockname()[0])
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith(("0.", "127.")) else address


def system_interfaces() -> list[Interface]:
    import socket

    import psutil

    stats = psutil.net_if_stats()
    found: list[Interface] = []
    for name, addresses in psutil.net_if_addrs().items():
        up = bool(stats[name].isup) if name in stats else False
        for entry in addresses:
            if entry.family == socket.AF_INET:
                found.append(Interface(name, entry.address, up))
    return found


def laptop_addresses() -> list[Address]:
    """The laptop's usable addresses now, the likeliest reachable first; [] when no network
    is up (say `NO_NETWORK`)."""
    return rank_addresses(system_interfaces(), route_address())


def no_network_message() -> str:
    return _(
        "No network is up, so phones cannot reach this laptop. Join the venue Wi-Fi, or start "
        "this laptop's hotspot (see the Room guide), then start the room again."
    )
