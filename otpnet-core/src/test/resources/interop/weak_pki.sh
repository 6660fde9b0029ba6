#!/bin/sh
# Certificates with weak algorithms, made by OpenSSL in the current directory for
# AlgorithmFloorInteropTest. One RSA-2048 root (weak-ca.pem) signs everything; each NAME gets
# NAME.pem (the leaf) and NAME.key, and each chain-* NAME its intermediate in NAME-int.pem. Leaves are for localhost and carry
# serverAuth and clientAuth. (OpenSSL 3 makes no 512-bit DSA key: the DSA chains are made in
# Java, see WeakPki.)
set -e
days=30
openssl req -x509 -newkey rsa:2048 -nodes -keyout weak-ca.key -out weak-ca.pem -days $days -sha256 \
    -subj "/O=otpnet/CN=otpnet weak-test CA" \
    -addext "basicConstraints=critical,CA:true" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
cat > leaf.ext <<X
basicConstraints=critical,CA:false
keyUsage=critical,digitalSignature,keyEncipherment
extendedKeyUsage=serverAuth,clientAuth
subjectAltName=DNS:localhost,IP:127.0.0.1
X
cat > ca.ext <<X
basicConstraints=critical,CA:true
keyUsage=critical,keyCertSign,cRLSign
X
key() { # name spec
    case $2 in
        rsa*) openssl genrsa -out $1.key ${2#rsa} 2>/dev/null ;;
        dsa*) openssl dsaparam -out $1.param ${2#dsa} 2>/dev/null
              openssl gendsa -out $1.key $1.param 2>/dev/null ;;
        ec*) openssl ecparam -name ${2#ec} -genkey -noout -out $1.tmp 2>/dev/null
             openssl pkcs8 -topk8 -nocrypt -in $1.tmp -out $1.key ;;
    esac
}
sign() { # name issuer digest ext cn
    openssl req -new -key $1.key -out $1.csr -subj "/O=otpnet/CN=$5" 2>/dev/null
    openssl x509 -req -in $1.csr -CA $2.pem -CAkey $2.key -CAcreateserial -days $days -$3 -extfile $4 \
        -out $1.crt 2>/dev/null
}
leaf() { # name keyspec digest
    key $1 $2; sign $1 weak-ca $3 leaf.ext localhost; cp $1.crt $1.pem
}
chain() { # name intermediate-keyspec intermediate-digest leaf-digest
    key $1-int $2; sign $1-int weak-ca $3 ca.ext "weak intermediate $1"; cp $1-int.crt $1-int.pem
    key $1 ecprime256v1; sign $1 $1-int $4 leaf.ext localhost; cp $1.crt $1.pem
}
leaf good ecprime256v1 sha256
leaf leaf-md5 rsa2048 md5
leaf leaf-sha1 rsa2048 sha1
leaf leaf-rsa512 rsa512 sha256
leaf leaf-rsa1024 rsa1024 sha256
leaf leaf-p192 ecprime192v1 sha256
chain chain-md5 rsa2048 md5 sha256
chain chain-sha1 rsa2048 sha1 sha256
chain chain-rsa512 rsa512 sha256 sha256
chain chain-rsa1024 rsa1024 sha256 sha256
chain chain-p192 ecprime192v1 sha256 sha256
echo made
