module regatta-test-kwok-bin

go 1.26.0

tool sigs.k8s.io/kwok/cmd/kwok
