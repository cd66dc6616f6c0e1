import CarGenius
print("ask-bench: placeholder")
