module github.com/wxcrypto/wxcrypto

go 1.24
