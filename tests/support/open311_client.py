#!/usr/bin/env python3
"""A GeoReport v2 client written apart from the server, with Python's standard library
only (urllib, xml.etree, json): it lists services, reads a service definition, files a
request and reads it back, in XML and in JSON, as any civic app would.

Usage: open311_client.py BASE_URL INGEST_KEY READ_KEY
Prints one JSON object summarising what it saw; exits non-zero on any surprise.
"""
import json
import sys
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET


def fetch(url, data=None):
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    req = urllib.request.Request(url, data=body)
    if body is not None:
        req.add_header("Content-Type", "application/x-www-form-urlencoded")
    with urllib.request.urlopen(req) as res:
        return res.headers.get("Content-Type"), res.read().decode("utf-8")


def check(cond, what):
    if not cond:
        raise SystemExit("open311 client: " + what)


def run_xml(base, ingest, reader):
    ctype, text = fetch(base + "/services.xml")
    check(ctype == "text/xml; charset=utf-8", "services.xml content type " + str(ctype))
    root = ET.fromstring(text)
    check(root.tag == "services", "root is " + root.tag)
    codes = [s.findtext("service_code") for s in root.findall("service")]
    check("flooding" in codes, "no flooding service")

    _, text = fetch(base + "/services/flooding.xml")
    definition = ET.fromstring(text)
    check(definition.tag == "service_definition", "definition root " + definition.tag)
    attrs = definition.findall("attributes/attribute")
    attr = attrs[0]
    keys = [v.findtext("key") for v in attr.findall("values/value")]
    check(attr.findtext("code") == "water_depth", "first attribute " + str(attr.findtext("code")))

    form = {
        "api_key": ingest,
        "service_code": "flooding",
        "lat": "-6.2",
        "long": "106.85",
        "description": "Banjir di jalan (XML client)",
        "attribute[water_depth]": keys[-1],
    }
    _, text = fetch(base + "/requests.xml", form)
    posted = ET.fromstring(text)
    check(posted.tag == "service_requests", "post root " + posted.tag)
    rid = posted.findtext("request/service_request_id")
    check(bool(rid), "no service_request_id")

    _, text = fetch(base + "/requests/" + rid + ".xml?" + urllib.parse.urlencode({"api_key": reader}))
    back = ET.fromstring(text).find("request")
    return {
        "services": codes,
        "attribute": attr.findtext("code"),
        "datatype": attr.findtext("datatype"),
        "values": keys,
        "id": rid,
        "read_back": {
            "service_request_id": back.findtext("service_request_id"),
            "service_code": back.findtext("service_code"),
            "status": back.findtext("status"),
            "description": back.findtext("description"),
            "lat": float(back.findtext("lat")),
            "long": float(back.findtext("long")),
        },
    }


def run_json(base, ingest, reader):
    ctype, text = fetch(base + "/services.json")
    check(ctype == "application/json; charset=utf-8", "services.json content type " + str(ctype))
    codes = [s["service_code"] for s in json.loads(text)]
    _, text = fetch(base + "/services/flooding.json")
    attr = json.loads(text)["attributes"][0]
    form = {
        "api_key": ingest,
        "service_code": "flooding",
        "lat": "-6.21",
        "long": "106.84",
        "description": "Banjir di jalan (JSON client)",
        "attribute[water_depth]": attr["values"][0]["key"],
    }
    _, text = fetch(base + "/requests.json", form)
    rid = json.loads(text)[0]["service_request_id"]
    _, text = fetch(base + "/requests/" + rid + ".json?" + urllib.parse.urlencode({"api_key": reader}))
    back = json.loads(text)[0]
    return {
        "services": codes,
        "attribute": attr["code"],
        "datatype": attr["datatype"],
        "values": [v["key"] for v in attr["values"]],
        "id": rid,
        "read_back": {k: back[k] for k in ("service_request_id", "service_code", "status", "description", "lat", "long")},
    }


def main():
    base, ingest, reader = sys.argv[1:4]
    print(json.dumps({"xml": run_xml(base, ingest, reader), "json": run_json(base, ingest, reader)}))


if __name__ == "__main__":
    main()
