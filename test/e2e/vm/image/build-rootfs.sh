#!/usr/bin/env bash
# Builds the stand-in VM's root file system: Debian bookworm (minbase) with systemd as PID 1, sshd and cloud-init,
# prepared for a container (REAL-VM.md). Usage: build-rootfs.sh ROOTFS MIRROR FILES_DIR
# The image's content hash covers this script and FILES_DIR, so any change here rebuilds the image.
set -euo pipefail

ROOTFS=$1
MIRROR=$2
FILES=$3
SUITE=bookworm
PACKAGES=systemd,systemd-sysv,dbus,openssh-server,cloud-init,python3-cffi-backend,python3-yaml,iproute2,sudo,procps,curl,ca-certificates,locales,less

rm -rf "$ROOTFS"
mkdir -p "$ROOTFS"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$ROOTFS" "$MIRROR" >"$ROOTFS.debootstrap.log" 2>&1 || {
  tail -n 40 "$ROOTFS.debootstrap.log" >&2
  exit 1
}
rm -f "$ROOTFS.debootstrap.log"

# A new machine ID per container (systemd creates it at first boot), no host keys in the image (cloud-init
# generates them per instance), no stale apt lists.
: >"$ROOTFS/etc/machine-id"
rm -f "$ROOTFS/var/lib/dbus/machine-id" "$ROOTFS"/etc/ssh/ssh_host_*
rm -rf "$ROOTFS"/var/lib/apt/lists/* "$ROOTFS"/var/cache/apt/archives/*.deb

# Units that cannot work (or only add noise) in a container.
for unit in getty@tty1.service console-getty.service e2scrub_reap.service systemd-pstore.service \
  apt-daily.timer apt-daily-upgrade.timer fstrim.timer e2scrub_all.timer; do
  ln -sf /dev/null "$ROOTFS/etc/systemd/system/$unit"
done

# cloud-init's locale module fails without a generated locale.
echo "en_US.UTF-8 UTF-8" >"$ROOTFS/etc/locale.gen"
chroot "$ROOTFS" locale-gen >/dev/null
echo "LANG=en_US.UTF-8" >"$ROOTFS/etc/default/locale"

# The harness's own files (cloud-init datasource, CA refresh unit, stand-in java).
cp -a "$FILES"/. "$ROOTFS"/
chmod 0755 "$ROOTFS/usr/local/bin/java"
ln -sf /etc/systemd/system/om-e2e-ca.service "$ROOTFS/etc/systemd/system/sysinit.target.wants/om-e2e-ca.service"
