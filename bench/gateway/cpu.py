#!/usr/bin/env python3
"""CPU seconds (user + system, from /proc/<pid>/stat) of a process, or of a whole process tree.

  cpu.py proc <pid>   the process itself (utime + stime)
  cpu.py tree <pid>   the process, every live descendant, and every descendant that has ended and was reaped
                      (cutime + cstime of each): what the tree has spent so far. A child that ends between two
                      readings moves its time into its parent's cutime, so the difference of two readings is the
                      CPU the tree spent in between, whether its processes still live or not.
"""
import os
import sys

HZ = os.sysconf("SC_CLK_TCK")


def stat(pid):
    with open(f"/proc/{pid}/stat") as f:
        text = f.read()
    fields = text[text.rindex(")") + 2:].split()  # after "pid (comm) "; fields[0] is the state (field 3)
    return int(fields[1]), [int(x) for x in fields[11:15]]  # ppid; utime, stime, cutime, cstime


def children_of():
    tree = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                ppid, _ = stat(entry)
            except (OSError, ValueError):
                continue
            tree.setdefault(ppid, []).append(int(entry))
    return tree


def tree_ticks(root):
    tree = children_of()
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            _, (ut, st, cut, cst) = stat(pid)
        except (OSError, ValueError):
            continue  # ended meanwhile: its time is in its parent's cutime by the next reading
        total += ut + st + cut + cst
        todo.extend(tree.get(pid, []))
    return total


def main():
    mode, pid = sys.argv[1], int(sys.argv[2])
    if mode == "proc":
        ticks = sum(stat(pid)[1][:2])
    else:
        ticks = tree_ticks(pid)
    print(f"{ticks / HZ:.3f}")


if __name__ == "__main__":
    main()
