#!/usr/bin/python3
# make-sheets.py — the workbook fixtures of tests/data/sheets/, saved by LibreOffice from the .fods sources
# (run through make-sheets.sh). Real spreadsheet software writes them, so the tests prove compatibility.
#
# Made here, in one LibreOffice session (python3-uno):
#   X.xlsx, X.xls        for each X.fods
#   roster-password.xls  roster with the open password 1234 (LibreOffice's own BIFF8 encryption)
#   roster-password.xlsx roster.xlsx with the open password 1234. LibreOffice 7.4 cannot save an
#                        encrypted .xlsx (storeToURL fails with an I/O error), so: the ECMA-376 agile
#                        encryption Excel uses, computed here (python3-cryptography), in an OLE2
#                        compound file written by LibreOffice (OLESimpleStorage); checked below by
#                        msoffcrypto-tool decrypting it back to roster.xlsx byte for byte, and by
#                        LibreOffice opening it with the password and not without.
#   roster.ods           an OpenDocument spreadsheet, which the import refuses with a word of advice
#   ../../fuzz/corpus/sheetin/roster-stored.xlsx
#                        roster.xlsx repacked without compression: a fuzz seed whose XML the fuzzer
#                        can mutate directly
#   roster-inline.xlsx   roster.xlsx with every shared string written inline (t="inlineStr"), as
#                        streaming writers (Apache POI's SXSSF, used by many county systems) do.
import base64
import hashlib
import hmac
import io
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import zipfile

import uno
from com.sun.star.beans import PropertyValue
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

HERE = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sheets")
SOURCES = ["roster", "cells", "dates1904"]
PASSWORD = "1234"


def prop(name, value):
    p = PropertyValue()
    p.Name = name
    p.Value = value
    return p


def url(path):
    return uno.systemPathToFileUrl(os.path.abspath(path))


def start_office(profile):
    pipe = "fenxiao-sheets-%d" % os.getpid()
    proc = subprocess.Popen(["soffice", "-env:UserInstallation=" + url(profile), "--headless", "--invisible",
                             "--norestore", "--accept=pipe,name=%s;urp;" % pipe])
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            return proc, resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
        except Exception:
            time.sleep(0.2)
    proc.kill()
    sys.exit("make-sheets: LibreOffice did not start")


def load(desktop, path, password=None):
    args = [prop("Hidden", True)]
    if password is not None:
        args.append(prop("Password", password))
    for _ in range(20):
        try:
            doc = desktop.loadComponentFromURL(url(path), "_blank", 0, tuple(args))
        except Exception:
            return None
        if doc:
            return doc
        time.sleep(0.3)
    return None


def save(doc, path, filt, password=None):
    args = [prop("FilterName", filt), prop("Overwrite", True)]
    if password is not None:
        args.append(prop("Password", password))
    doc.storeToURL(url(path), tuple(args))


# ---- ECMA-376 agile encryption (MS-OFFCRYPTO 2.3.4.10–2.3.4.15) ----

def aes_cbc(key, iv, data):
    enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
    return enc.update(data) + enc.finalize()


def sha512(*parts):
    return hashlib.sha512(b"".join(parts)).digest()


def agile_encrypt(package, password):
    key_salt, pw_salt = os.urandom(16), os.urandom(16)
    secret = os.urandom(32)
    spin = 100000
    h = sha512(pw_salt, password.encode("utf-16-le"))
    for i in range(spin):
        h = sha512(i.to_bytes(4, "little"), h)

    def derive(block):
        return sha512(h, block)[:32]

    verifier = os.urandom(16)
    enc_verifier = aes_cbc(derive(bytes.fromhex("fea7d2763b4b9e79")), pw_salt, verifier)
    enc_verifier_hash = aes_cbc(derive(bytes.fromhex("d7aa0f6d3061344e")), pw_salt, sha512(verifier))
    enc_key = aes_cbc(derive(bytes.fromhex("146e0be7abacd0d6")), pw_salt, secret)
    out = bytearray(len(package).to_bytes(8, "little"))
    for i in range(0, len(package), 4096):
        seg = package[i:i + 4096]
        seg += b"\0" * (-len(seg) % 16)
        out += aes_cbc(secret, sha512(key_salt, (i // 4096).to_bytes(4, "little"))[:16], seg)
    hmac_key = os.urandom(64)
    enc_hmac_key = aes_cbc(secret, sha512(key_salt, bytes.fromhex("5fb2ad010cb9e1f6"))[:16], hmac_key)
    hmac_value = hmac.new(hmac_key, bytes(out), hashlib.sha512).digest()
    enc_hmac_value = aes_cbc(secret, sha512(key_salt, bytes.fromhex("a0677f02b22c8433"))[:16], hmac_value)
    b64 = lambda b: base64.b64encode(b).decode()
    params = ('saltSize="16" blockSize="16" keyBits="256" hashSize="64" cipherAlgorithm="AES" '
              'cipherChaining="ChainingModeCBC" hashAlgorithm="SHA512"')
    xml = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
           '<encryption xmlns="http://schemas.microsoft.com/office/2006/encryption" '
           'xmlns:p="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
           '<keyData %s saltValue="%s"/>'
           '<dataIntegrity encryptedHmacKey="%s" encryptedHmacValue="%s"/>'
           '<keyEncryptors><keyEncryptor uri="http://schemas.microsoft.com/office/2006/keyEncryptor/password">'
           '<p:encryptedKey spinCount="%d" %s saltValue="%s" encryptedVerifierHashInput="%s" '
           'encryptedVerifierHashValue="%s" encryptedKeyValue="%s"/></keyEncryptor></keyEncryptors></encryption>'
           % (params, b64(key_salt), b64(enc_hmac_key), b64(enc_hmac_value), spin, params, b64(pw_salt),
              b64(enc_verifier), b64(enc_verifier_hash), b64(enc_key)))
    info = bytes.fromhex("0400040040000000") + xml.encode()
    return info, bytes(out)


def write_ole2(ctx, path, streams):
    smgr = ctx.ServiceManager
    if os.path.exists(path):
        os.unlink(path)
    sfa = smgr.createInstanceWithContext("com.sun.star.ucb.SimpleFileAccess", ctx)
    stream = sfa.openFileReadWrite(url(path))
    storage = smgr.createInstanceWithArgumentsAndContext("com.sun.star.embed.OLESimpleStorage", (stream, True), ctx)
    for name, data in streams:
        src = smgr.createInstanceWithArgumentsAndContext("com.sun.star.io.SequenceInputStream",
                                                         (uno.ByteSequence(data),), ctx)
        storage.insertByName(name, src)
    storage.commit()
    stream.getOutputStream().closeOutput()


def inline_strings(src, dst):
    """roster.xlsx with its shared strings written into the cells (t="inlineStr")."""
    zin = zipfile.ZipFile(src)
    sst = re.findall(r"<si>(.*?)</si>", zin.read("xl/sharedStrings.xml").decode(), re.S)
    with zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                data = re.sub(r'<c r="([A-Z]+[0-9]+)"( s="[0-9]+")? t="s"><v>([0-9]+)</v></c>',
                              lambda m: '<c r="%s"%s t="inlineStr"><is>%s</is></c>'
                              % (m.group(1), m.group(2) or "", sst[int(m.group(3))]), data.decode()).encode()
            if item.filename in ("xl/sharedStrings.xml",):
                continue
            if item.filename == "xl/_rels/workbook.xml.rels":
                data = re.sub(rb'<Relationship [^>]*sharedStrings[^>]*/>', b"", data)
            if item.filename == "[Content_Types].xml":
                data = re.sub(rb'<Override [^>]*sharedStrings[^>]*/>', b"", data)
            zout.writestr(item, data)


def stored(src, dst):
    """The package with its parts stored, not deflated."""
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_STORED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            item.compress_type = zipfile.ZIP_STORED
            zout.writestr(item, data)


def main():
    profile = tempfile.mkdtemp(prefix="fenxiao-lo-")
    proc, ctx = start_office(profile)
    try:
        desktop = ctx.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", ctx)
        for name in SOURCES:
            doc = load(desktop, os.path.join(HERE, name + ".fods"))
            if not doc:
                sys.exit("make-sheets: LibreOffice cannot open %s.fods" % name)
            save(doc, os.path.join(HERE, name + ".xlsx"), "Calc MS Excel 2007 XML")
            save(doc, os.path.join(HERE, name + ".xls"), "MS Excel 97")
            if name == "roster":
                save(doc, os.path.join(HERE, "roster-password.xls"), "MS Excel 97", PASSWORD)
                save(doc, os.path.join(HERE, "roster.ods"), "calc8")
            doc.close(True)
        plain = open(os.path.join(HERE, "roster.xlsx"), "rb").read()
        info, package = agile_encrypt(plain, PASSWORD)
        locked = os.path.join(HERE, "roster-password.xlsx")
        write_ole2(ctx, locked, [("EncryptionInfo", info), ("EncryptedPackage", package)])
        inline_strings(os.path.join(HERE, "roster.xlsx"), os.path.join(HERE, "roster-inline.xlsx"))
        stored(os.path.join(HERE, "roster.xlsx"),
               os.path.join(HERE, "..", "..", "fuzz", "corpus", "sheetin", "roster-stored.xlsx"))
        # The locked files open with the password, and only with it.
        for f in ("roster-password.xlsx", "roster-password.xls"):
            path = os.path.join(HERE, f)
            doc = load(desktop, path, PASSWORD)
            if not doc:
                sys.exit("make-sheets: LibreOffice cannot open %s with its password" % f)
            doc.close(True)
            if load(desktop, path, "wrong"):
                sys.exit("make-sheets: %s opens with a wrong password" % f)
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as out:
            subprocess.run(["msoffcrypto-tool", "-p", PASSWORD, locked, out.name], check=True)
            if open(out.name, "rb").read() != plain:
                sys.exit("make-sheets: msoffcrypto-tool does not decrypt roster-password.xlsx to roster.xlsx")
        try:
            desktop.terminate()
        except Exception:
            pass
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
        subprocess.run(["rm", "-rf", profile])


if __name__ == "__main__":
    main()
