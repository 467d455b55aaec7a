module devopsjuggle

go 1.26
