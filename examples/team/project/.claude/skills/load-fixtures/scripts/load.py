import sys

print(f"would load fixtures into {sys.argv[-1]}")
