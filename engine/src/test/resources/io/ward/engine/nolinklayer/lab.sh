#!/bin/sh
# Writes what `tcpdump -i any` records on a hospital server, from a lab of network namespaces:
#   srv  the server: 10.20.0.10 and 2001:db8:20::10 towards the router, 10.30.0.10 towards the LAN,
#        192.0.2.10 towards the DMZ, 10.99.0.2 on vpn0, a tun link with no link-layer address (a VPN);
#   rtr  the router, 10.20.0.1, that also answers as ten internet hosts (198.51.100.20-29), an IPv6
#        one (2001:db8:100::20), and, over vpn0, as 203.0.113.7 and 203.0.113.9 (an HL7 receiver);
#   lan  a workstation, 10.30.0.30;
#   dmz  a host in a range the hospital numbers from public space, 192.0.2.50.
# The server fetches a page from each internet host, sends an HL7 message over the VPN, sends one
# syslog datagram to 198.51.100.99 that no one answers; the workstation and the DMZ host fetch a
# page from the server.
# ARP and neighbour caches are warmed first, as on a busy server, so the capture holds no ARP.
# Run as root inside fresh namespaces: unshare --fork --pid -m -n --propagation private sh lab.sh OUT LINKTYPE
# (LINKTYPE LINUX_SLL or LINUX_SLL2). See README.md.
set -e
OUT=$1; LINKTYPE=$2; HERE=$(dirname "$0")
trap 'kill $(jobs -p) 2>/dev/null' EXIT
WWW=$(mktemp -d) # the pages served: an empty directory's listing
mount -t tmpfs tmpfs /run
mkdir -p /run/netns
ip netns add srv; ip netns add rtr; ip netns add lan; ip netns add dmz
ip link add veth-srv netns srv address 02:00:00:00:00:10 type veth peer name veth-rtr netns rtr address 02:00:00:00:00:01
ip link add veth-srv2 netns srv address 02:00:00:00:01:10 type veth peer name veth-lan netns lan address 02:00:00:00:01:30
ip link add veth-srv3 netns srv address 02:00:00:00:02:10 type veth peer name veth-dmz netns dmz address 02:00:00:00:02:50
for ns in srv rtr lan dmz; do ip -n $ns link set lo up; done
ip -n srv addr add 10.20.0.10/24 dev veth-srv; ip -n srv -6 addr add 2001:db8:20::10/64 dev veth-srv nodad
ip -n srv addr add 10.30.0.10/24 dev veth-srv2; ip -n srv addr add 192.0.2.10/24 dev veth-srv3
ip -n srv link set veth-srv up; ip -n srv link set veth-srv2 up; ip -n srv link set veth-srv3 up
ip -n rtr addr add 10.20.0.1/24 dev veth-rtr; ip -n rtr -6 addr add 2001:db8:20::1/64 dev veth-rtr nodad
ip -n rtr link set veth-rtr up
ip -n lan addr add 10.30.0.30/24 dev veth-lan; ip -n lan link set veth-lan up
ip -n dmz addr add 192.0.2.50/24 dev veth-dmz; ip -n dmz link set veth-dmz up
for i in 0 1 2 3 4 5 6 7 8 9; do ip -n rtr addr add 198.51.100.2$i/32 dev lo; done
ip -n rtr -6 addr add 2001:db8:100::20/128 dev lo nodad
ip -n srv route add default via 10.20.0.1
ip -n srv -6 route add default via 2001:db8:20::1
ip netns exec srv ip tuntap add mode tun name vpn0; ip netns exec rtr ip tuntap add mode tun name vpn0
python3 "$HERE/tunpipe.py" srv rtr vpn0 &
ip -n srv link set vpn0 up; ip -n rtr link set vpn0 up
ip -n srv addr add 10.99.0.2/32 dev vpn0
ip -n rtr addr add 203.0.113.7/32 dev lo; ip -n rtr addr add 203.0.113.9/32 dev lo
ip -n srv route add 203.0.113.0/28 dev vpn0 src 10.99.0.2
ip -n rtr route add 10.99.0.2/32 dev vpn0
ip netns exec rtr python3 -m http.server 80 --bind :: --directory "$WWW" >/dev/null 2>&1 &
ip netns exec rtr socat -u TCP-LISTEN:2575,bind=203.0.113.9,reuseaddr OPEN:/dev/null &
ip netns exec srv python3 -m http.server 8080 --bind :: --directory "$WWW" >/dev/null 2>&1 &
for i in $(seq 60); do
  n=$(( $(ip netns exec rtr ss -ltnH | wc -l) + $(ip netns exec srv ss -ltnH | wc -l) ))
  [ "$n" -ge 3 ] && ip -n srv link show vpn0 | grep -q LOWER_UP && break
  sleep 0.5
done
get() { ip netns exec $1 curl -s -m3 -g -o /dev/null "http://$2/"; }
get srv 10.20.0.1; get srv '[2001:db8:20::1]'; get lan 10.30.0.10:8080; get dmz 192.0.2.10:8080
ip netns exec srv tcpdump -i any -y "$LINKTYPE" -U -w "$OUT" 'not arp and not (icmp6 and ip6[40] >= 133)' 2>/dev/null &
TD=$!
sleep 2
for i in 0 1 2 3 4 5 6 7 8 9; do get srv 198.51.100.2$i; done
get srv '[2001:db8:100::20]'
get srv 203.0.113.7
printf '\013MSH|^~\\&|LAB|WARD|EHR|CLOUD|20260101120000||ORU^R01|1|P|2.5\r\034\r' \
  | ip netns exec srv socat -u - TCP:203.0.113.9:2575
printf '<14>Dec  1 12:00:00 srv ward-lab: hello' | ip netns exec srv socat -u - UDP:198.51.100.99:514
get lan 10.30.0.10:8080; get dmz 192.0.2.10:8080
sleep 2
kill $TD; wait $TD 2>/dev/null || true
