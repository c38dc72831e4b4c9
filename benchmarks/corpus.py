"""Shared by the corpus generators: the command line, growing a playbook, writing the files."""
import os, sys


def grow(lines, step_lines, minimum, size):
    """Appends `step_lines(step)` for step 1, 2, … until `lines` has `minimum` lines and `size` bytes."""
    step = 0
    written = sum(len(line) + 1 for line in lines)
    while len(lines) < minimum or written < size:
        step += 1
        more = step_lines(step)
        lines += more
        written += sum(len(line) + 1 for line in more)
    return lines


def write(playbook, extension):
    """`GENERATOR FOLDER COUNT [--size BYTES]`: writes pNNNN.EXTENSION = playbook(n, size) for each n."""
    folder, count = sys.argv[1], int(sys.argv[2])
    size = int(sys.argv[4]) if len(sys.argv) > 4 and sys.argv[3] == "--size" else 0
    os.makedirs(folder, exist_ok=True)
    for n in range(count):
        with open(os.path.join(folder, f"p{n:04}.{extension}"), "w") as out:
            out.write("\n".join(playbook(n, size)) + "\n")
    return folder
