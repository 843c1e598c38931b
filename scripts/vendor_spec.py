"""A vendor-scale Swagger 2.0 document shaped like Kubernetes' (`io.k8s.api.core.v1.Pod`-style
definitions that refer to each other, long descriptions with links, hundreds of operations):
the API guide's benchmark and tests use it, since real vendor specs cannot be fetched here."""
import json, random

WORDS = ("object resource field value name list spec status metadata label selector container "
         "volume port probe condition time reason message version kind namespace owner policy").split()


def description(rng, n):
    text = " ".join(rng.choice(WORDS) for _ in range(n)).capitalize() + "."
    if rng.random() < 0.3:
        text += " More info: [the docs](/docs/concepts/overview/#" + rng.choice(WORDS) + ")."
    if rng.random() < 0.2:
        text += " See https://kubernetes.io/docs/reference/."
    return text


def spec(definitions=700, operations=1100, seed=7):
    rng = random.Random(seed)
    groups = ["core.v1", "apps.v1", "batch.v1", "networking.v1", "rbac.v1", "storage.v1", "policy.v1"]
    names = [f"io.k8s.api.{rng.choice(groups)}.{w.capitalize()}{i}" for i, w in
             ((i, rng.choice(WORDS)) for i in range(definitions))]
    defs = {}
    for i, name in enumerate(names):
        props = {}
        for j in range(rng.randint(6, 22)):
            field = rng.choice(WORDS) + str(j)
            r = rng.random()
            if r < 0.35 and i + 1 < len(names):
                props[field] = {"$ref": "#/definitions/" + names[rng.randint(i + 1, len(names) - 1)], "description": description(rng, 25)}
            elif r < 0.5 and i + 1 < len(names):
                props[field] = {"type": "array", "items": {"$ref": "#/definitions/" + names[rng.randint(i + 1, len(names) - 1)]},
                                "description": description(rng, 30)}
            else:
                props[field] = {"type": rng.choice(["string", "integer", "boolean"]), "description": description(rng, 40)}
        defs[name] = {"type": "object", "description": description(rng, 50), "properties": props,
                      "required": list(props)[:2]}
    paths = {}
    verbs = ["get", "post", "put", "patch", "delete"]
    for k in range(operations):
        name = names[rng.randint(0, len(names) // 3)]
        path = f"/apis/{name.split('.')[3]}/namespaces/{{namespace}}/{name.split('.')[-1].lower()}s/x{k}"
        verb = rng.choice(verbs)
        op = {"operationId": f"{verb}{name.split('.')[-1]}X{k}", "description": description(rng, 20),
              "tags": [name.split(".")[3]], "produces": ["application/json"],
              "parameters": [{"name": "namespace", "in": "path", "required": True, "type": "string",
                              "description": description(rng, 12)},
                             {"name": "pretty", "in": "query", "type": "string", "description": description(rng, 15)}],
              "responses": {"200": {"description": "OK", "schema": {"$ref": "#/definitions/" + name}},
                            "401": {"description": "Unauthorized"}}}
        if verb in ("post", "put", "patch"):
            op["parameters"].append({"name": "body", "in": "body", "required": True, "schema": {"$ref": "#/definitions/" + name}})
        paths.setdefault(path, {})[verb] = op
    return {"swagger": "2.0", "info": {"title": "Kubernetes", "version": "v1.31.0"},
            "externalDocs": {"url": "https://kubernetes.io/"},
            "host": "kubernetes.example", "schemes": ["https"], "basePath": "/",
            "securityDefinitions": {"BearerToken": {"type": "apiKey", "name": "authorization", "in": "header",
                                                    "description": "Bearer token authentication"}},
            "paths": paths, "definitions": defs}


def write_project(root, **kwargs):
    import os
    os.makedirs(os.path.join(root, "Content", "api"), exist_ok=True)
    with open(os.path.join(root, "Content", "site.yaml"), "w") as f:
        f.write("title: Cluster API\n")
    with open(os.path.join(root, "Content", "deployment.yaml"), "w") as f:
        f.write("model: { name: cluster, version: '1' }\nenvironments:\n  - name: production\n    endpoints:\n"
                "      - { name: kube, mode: realtime, url: https://kubernetes.example/, auth: aad_token, openapi: api/swagger.json }\n")
    text = json.dumps(spec(**kwargs), indent=1)
    with open(os.path.join(root, "Content", "api", "swagger.json"), "w") as f:
        f.write(text)
    return len(text)


if __name__ == "__main__":
    import sys
    print(write_project(sys.argv[1]))
