#!/usr/bin/env python3
"""Writes Kubernetes JSON schemas in the "standalone-strict" flavour of yannh/kubernetes-json-schema.

The flavour kubeconform uses: one file per kind, named <kind>-<group>-<version>.json (core group: <kind>-<version>.json),
every $ref inlined, additionalProperties: false on every object with properties, IntOrString as string|integer,
Quantity as string|number, apiVersion/kind restricted to the kind's own values, optional fields also accepting null.
That is what `openapi2jsonschema --expanded --kubernetes --stand-alone --strict` does; this script does the same for
just the kinds named, from the Kubernetes OpenAPI v2 document (api/openapi-spec/swagger.json of the release).

  python3 k8s_standalone_strict.py swagger.json OUTPUT_DIR io.k8s.api.apps.v1.Deployment io.k8s.api.core.v1.Service ...
"""
import copy
import json
import os
import sys

REF_PREFIX = "#/definitions/"


def kubernetes_definitions(swagger):
    definitions = swagger["definitions"]
    definitions["io.k8s.apimachinery.pkg.util.intstr.IntOrString"] = {"oneOf": [{"type": "string"}, {"type": "integer"}]}
    definitions["io.k8s.apimachinery.pkg.api.resource.Quantity"] = {"oneOf": [{"type": "string"}, {"type": "number"}]}
    for definition in definitions.values():
        for gvk in definition.get("x-kubernetes-group-version-kind", []):
            properties = definition.get("properties", {})
            if "apiVersion" in properties:
                api_version = gvk["group"] + "/" + gvk["version"] if gvk["group"] else gvk["version"]
                append_once(properties["apiVersion"], "enum", api_version)
            if "kind" in properties:
                append_once(properties["kind"], "enum", gvk["kind"])
    strict(definitions)
    return definitions


def append_once(node, key, value):
    node.setdefault(key, [])
    if value not in node[key]:
        node[key].append(value)


def strict(node):
    """additionalProperties: false on every object schema that lists its properties (kubectl's own rule)."""
    if isinstance(node, dict):
        for value in node.values():
            if isinstance(value, dict):
                if "properties" in value and "additionalProperties" not in value:
                    value["additionalProperties"] = False
                strict(value)
            elif isinstance(value, list):
                for item in value:
                    strict(item)


def inline(node, definitions, seen=()):
    if isinstance(node, dict):
        if "$ref" in node:
            name = node["$ref"][len(REF_PREFIX):]
            if name in seen:
                raise ValueError("recursive schema " + name)
            return inline(copy.deepcopy(definitions[name]), definitions, seen + (name,))
        return {key: inline(value, definitions, seen) for key, value in node.items()}
    if isinstance(node, list):
        return [inline(item, definitions, seen) for item in node]
    return node


def allow_null(node, parent=None, grand_parent=None, key=None):
    """Optional fields also accept null (what a YAML `field:` with no value gives)."""
    if isinstance(node, dict):
        result = {}
        for k, v in node.items():
            if isinstance(v, dict):
                result[k] = allow_null(v, node, parent, k)
            elif isinstance(v, list):
                result[k] = [allow_null(x, v, parent, k) for x in v]
            elif isinstance(v, str) and k == "type" and v != "null":
                required = isinstance(grand_parent, dict) and key in grand_parent.get("required", [])
                result[k] = v if required else [v, "null"]
            else:
                result[k] = v
        return result
    return node


def file_name(title):
    parts = title.split(".")
    kind, version, group = parts[-1].lower(), parts[-2].lower(), parts[-3].lower()
    return ("%s-%s" % (kind, version)) if group in ("core", "api") else ("%s-%s-%s" % (kind, group, version))


def main(swagger_path, output, titles):
    with open(swagger_path, encoding="utf-8") as f:
        definitions = kubernetes_definitions(json.load(f))
    os.makedirs(output, exist_ok=True)
    for title in titles:
        specification = copy.deepcopy(definitions[title])
        specification.setdefault("type", "object")
        specification["additionalProperties"] = False
        specification = inline(specification, definitions)
        specification["properties"] = allow_null(specification["properties"])
        specification["$schema"] = "http://json-schema.org/schema#"
        path = os.path.join(output, file_name(title) + ".json")
        with open(path, "w", encoding="utf-8") as f:
            f.write(json.dumps(specification, indent=2))
        print(path)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], sys.argv[3:])
