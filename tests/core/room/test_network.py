"""Which address the room offers first: what a venue laptop's interfaces really look like."""

from __future__ import annotations

import pytest

from hexikit.room.network import Interface, laptop_addresses, rank_addresses, route_address


def test_the_route_address_on_wifi_comes_first_and_bridges_never_appear() -> None:
    interfaces = [
        Interface("lo", "127.0.0.1"),
        Interface("docker0", "172.17.0.1"),
        Interface("br-1a2b3c", "172.18.0.1"),
        Interface("virbr0", "192.168.122.1"),
        Interface("veth12ab", "10.0.3.5"),
        Interface("eth0", "192.168.1.20"),
        Interface("wlp2s0", "10.20.30.40"),
        Interface("tun0", "10.8.0.2"),
        Interface("enp0s31f6", "169.254.7.1"),  # no DHCP on the cable: link-local
        Interface("wlan1", "192.168.50.3", up=False),
    ]
    ranked = rank_addresses(interfaces, route_address="10.20.30.40")
    assert [a.address for a in ranked] == ["10.20.30.40", "192.168.1.20", "10.8.0.2"]
    assert "VPN" in ranked[-1].note


def test_a_hotspot_without_internet_is_still_offered() -> None:
    # The laptop's own hotspot (NetworkManager hands out 10.42.0.x): no default route at all.
    ranked = rank_addresses(
        [Interface("lo", "127.0.0.1"), Interface("wlo1", "10.42.0.1")], route_address=None
    )
    assert [a.address for a in ranked] == ["10.42.0.1"]
    assert "hotspot" in ranked[0].label


def test_no_network_gives_an_empty_list() -> None:
    assert rank_addresses([Interface("lo", "127.0.0.1"), Interface("lo", "::1")], None) == []


@pytest.mark.parametrize("bad", ["", "not an address", "fe80::1", "224.0.0.1", "0.0.0.0"])
def test_odd_addresses_are_skipped(bad: str) -> None:
    assert rank_addresses([Interface("eth0", bad)], None) == []


def test_this_machines_addresses_hold_no_loopback() -> None:
    found = laptop_addresses()
    assert all(not a.address.startswith("127.") for a in found)
    route = route_address()
    if route is not None and found:
        assert found[0].address == route
