package rules

import (
	"slices"
	"strings"

	"github.com/connectorlint/connectorlint/connector"
)

// This file holds the structure family's model of a Swagger 2.0 document: which object types exist,
// which members each one may hold and with which JSON types, and a walker that visits every object
// of the swagger file together with its type. It follows Microsoft's repository schema
// (schemas/apiDefinition.swagger.schema.json, a draft-04 Swagger 2.0 schema plus x-ms extensions),
// corrected where the Power Platform accepts more than the stale schema says (see the rule docs).

// stObjType is the Swagger 2.0 object type of a JSON object.
type stObjType uint8

const (
	stRoot stObjType = iota + 1
	stInfo
	stContact
	stLicense
	stPathItem
	stOperation
	stParameter
	stResponse
	stHeader
	stSchema
	stItems
	stSecurityScheme
	stTag
	stExternalDocs
	stXML
	stTypeCount // the number of object types plus one
)

// stObjNames describe each object type in messages ("... is not allowed in <name>").
var stObjNames = map[stObjType]string{
	stRoot:           "the root object",
	stInfo:           "the info object",
	stContact:        "the contact object",
	stLicense:        "the license object",
	stPathItem:       "a path item",
	stOperation:      "an operation",
	stParameter:      "a parameter",
	stResponse:       "a response",
	stHeader:         "a response header",
	stSchema:         "a schema",
	stItems:          "an items object",
	stSecurityScheme: "a security definition",
	stTag:            "a tag",
	stExternalDocs:   "an externalDocs object",
	stXML:            "an xml object",
}

// stKinds is a set of JSON types. stInt is a number without fraction or exponent.
type stKinds uint8

const (
	stStr stKinds = 1 << iota
	stNum
	stInt
	stBool
	stObjK
	stArr
	stNull
	stAny stKinds = 0xff
)

// stField is what one member of an object type may hold: its JSON types and, when it is an array or
// a name→value map, the types of its elements or values.
type stField struct {
	kinds stKinds
	elems stKinds // types of array elements (or of map values when mapv); 0 = unchecked
	mapv  bool    // the member is an object whose values all have type elems
}

var (
	stFStr     = stField{kinds: stStr}
	stFNum     = stField{kinds: stNum}
	stFInt     = stField{kinds: stInt}
	stFBool    = stField{kinds: stBool}
	stFObj     = stField{kinds: stObjK}
	stFAny     = stField{kinds: stAny}
	stFStrList = stField{kinds: stArr, elems: stStr}
	stFObjList = stField{kinds: stArr, elems: stObjK}
	stFObjMap  = stField{kinds: stObjK, elems: stObjK, mapv: true}
	stFAnyList = stField{kinds: stArr}
)

// stPrimitiveFields are the validation keywords shared by non-body parameters, headers and items.
var stPrimitiveFields = map[string]stField{
	"type": stFStr, "format": stFStr, "items": stFObj, "collectionFormat": stFStr, "default": stFAny,
	"maximum": stFNum, "exclusiveMaximum": stFBool, "minimum": stFNum, "exclusiveMinimum": stFBool,
	"maxLength": stFInt, "minLength": stFInt, "pattern": stFStr, "maxItems": stFInt, "minItems": stFInt,
	"uniqueItems": stFBool, "enum": stFAnyList, "multipleOf": stFNum,
}

func stWith(base map[string]stField, extra map[string]stField) map[string]stField {
	m := make(map[string]stField, len(base)+len(extra))
	for k, v := range base {
		m[k] = v
	}
	for k, v := range extra {
		m[k] = v
	}
	return m
}

// stFields lists the Swagger 2.0 members of each object type. Keys that start with "x-" are
// extensions and are never listed. A parameter lists the members of every location: which of them
// fit which location is checked by the parameter family (body-parameter-schema,
// allow-empty-value-location).
var stFields = map[stObjType]map[string]stField{
	stRoot: {
		"swagger": stFAny, "info": stFObj, "host": stFStr, "basePath": stFStr, "schemes": stFStrList,
		"consumes": stFStrList, "produces": stFStrList, "paths": stFObj, "definitions": stFObjMap,
		"parameters": stFObjMap, "responses": stFObjMap, "security": stFObjList,
		"securityDefinitions": stFObjMap, "tags": stFObjList, "externalDocs": stFObj,
	},
	stInfo: {
		"title": stFStr, "version": stFStr, "description": stFStr, "termsOfService": stFStr,
		"contact": stFObj, "license": stFObj,
	},
	stContact: {"name": stFStr, "url": stFStr, "email": stFStr},
	stLicense: {"name": stFStr, "url": stFStr},
	stPathItem: {
		"$ref": stFStr, "get": stFObj, "put": stFObj, "post": stFObj, "delete": stFObj, "options": stFObj,
		"head": stFObj, "patch": stFObj, "parameters": stFObjList,
	},
	stOperation: {
		"tags": stFStrList, "summary": stFStr, "description": stFStr, "externalDocs": stFObj,
		"operationId": stFStr, "produces": stFStrList, "consumes": stFStrList, "parameters": stFObjList,
		"responses": stFObj, "schemes": stFStrList, "deprecated": stFBool, "security": stFObjList,
	},
	stParameter: stWith(stPrimitiveFields, map[string]stField{
		"$ref": stFStr, "name": stFStr, "in": stFStr, "description": stFStr, "required": stFBool,
		"schema": stFObj, "allowEmptyValue": stFBool,
	}),
	stResponse: {"$ref": stFStr, "description": stFStr, "schema": stFObj, "headers": stFObjMap, "examples": stFObj},
	stHeader:   stWith(stPrimitiveFields, map[string]stField{"description": stFStr}),
	stItems:    stPrimitiveFields,
	stSchema: {
		"$ref": stFStr, "format": stFStr, "title": stFStr, "description": stFStr, "default": stFAny,
		"multipleOf": stFNum, "maximum": stFNum, "exclusiveMaximum": stFBool, "minimum": stFNum,
		"exclusiveMinimum": stFBool, "maxLength": stFInt, "minLength": stFInt, "pattern": stFStr,
		"maxItems": stFInt, "minItems": stFInt, "uniqueItems": stFBool, "maxProperties": stFInt,
		"minProperties": stFInt, "required": stFStrList, "enum": stFAnyList,
		"additionalProperties": {kinds: stObjK | stBool}, "type": {kinds: stStr | stArr, elems: stStr},
		"items": {kinds: stObjK | stArr, elems: stObjK}, "allOf": stFObjList, "properties": stFObjMap,
		"discriminator": stFStr, "readOnly": stFBool, "xml": stFObj, "externalDocs": stFObj, "example": stFAny,
	},
	stSecurityScheme: {
		"type": stFStr, "description": stFStr, "name": stFStr, "in": stFStr, "flow": stFStr,
		"authorizationUrl": stFStr, "tokenUrl": stFStr, "scopes": {kinds: stObjK, elems: stStr, mapv: true},
	},
	stTag:          {"name": stFStr, "description": stFStr, "externalDocs": stFObj},
	stExternalDocs: {"description": stFStr, "url": stFStr},
	stXML:          {"name": stFStr, "namespace": stFStr, "prefix": stFStr, "attribute": stFBool, "wrapped": stFBool},
}

// stKey numbers the member names the structure rules know: those of stFields and those stWalkOnce
// follows. stKeyOther is any other name.
type stKey uint8

const stKeyOther stKey = 0

// stKeyNames lists the known names by stKey (stKeyNames[0] is unused).
var stKeyNames = func() []string {
	set := map[string]bool{"x-ms-notification-content": true, "anyOf": true, "oneOf": true, "not": true}
	for _, fields := range stFields {
		for name := range fields {
			if name == "" {
				panic("stFields: empty member name")
			}
			set[name] = true
		}
	}
	names := []string{""}
	for name := range set {
		names = append(names, name)
	}
	slices.Sort(names[1:])
	if len(names) > 255 {
		panic("stKeyNames: too many names for a stKey")
	}
	return names
}()

// stKeySlots is an open-addressing hash table of stKeyNames (stKeyOther = empty slot): looking a name
// up hashes three of its bytes and compares one string, where a map would hash the whole name.
var stKeySlots = func() (t [512]stKey) {
	for i, name := range stKeyNames[1:] {
		h := stKeyHash(name)
		for t[h] != stKeyOther {
			h = (h + 1) % uint32(len(t))
		}
		t[h] = stKey(i + 1)
	}
	return
}()

func stKeyHash(k string) uint32 {
	n := len(k)
	fp := uint32(n)<<24 ^ uint32(k[0])<<16 ^ uint32(k[n-1])<<8 ^ uint32(k[n>>1])
	return fp * 0x9E3779B1 >> 23 // 9 bits: len(stKeySlots) is 512
}

// stKeyOf returns the stKey of member name k.
func stKeyOf(k string) stKey {
	if k == "" {
		return stKeyOther
	}
	for h := stKeyHash(k); ; h = (h + 1) % uint32(len(stKeySlots)) {
		sk := stKeySlots[h]
		if sk == stKeyOther || stKeyNames[sk] == k {
			return sk
		}
	}
}

// stKeyMust returns the stKey of a name the structure rules know.
func stKeyMust(k string) stKey {
	sk := stKeyOf(k)
	if sk == stKeyOther {
		panic("stKeyMust: unknown member name " + k)
	}
	return sk
}

// stFieldTable is stFields by object type and stKey (a zero stField: not a member of that type).
var stFieldTable = func() (t [stTypeCount][]stField) {
	for typ := range t {
		t[typ] = make([]stField, len(stKeyNames))
	}
	for typ, fields := range stFields {
		for name, f := range fields {
			if f.kinds == 0 {
				panic("stFields: a member without kinds")
			}
			t[typ][stKeyMust(name)] = f
		}
	}
	return
}()

// stMember is one member of an object met by stWalk.
type stMember struct {
	Node connector.NodeID
	Key  stKey
	Ext  bool           // the name is an extension's (stIsExtension)
	Kind connector.Kind // the kind of Node
}

// stVisit is one object met by stWalk.
type stVisit struct {
	Node    connector.NodeID
	Type    stObjType
	Ref     bool       // the object has a "$ref" member
	Arrays  bool       // one of its members is an array
	Members []stMember // its members in file order
}

// get returns the member named k (the last one if the name repeats, as with Get), or None.
func (v stVisit) get(k stKey) connector.NodeID {
	for i := len(v.Members) - 1; i >= 0; i-- {
		if v.Members[i].Key == k {
			return v.Members[i].Node
		}
	}
	return connector.None
}

// refSkipped reports whether the structure rules skip the members of v: objects written as a "$ref"
// are, except the root and path items (where "$ref" is a member of its own).
func (v stVisit) refSkipped() bool { return v.Ref && v.Type != stRoot && v.Type != stPathItem }

// stIsExtension reports whether key names a vendor extension: it starts with "x-" (case-sensitive,
// as in Microsoft's schema pattern ^x-).
func stIsExtension(key string) bool { return strings.HasPrefix(key, "x-") }

// stIsOpenAPI3 reports whether the file is an OpenAPI 3 document (an "openapi" member and no
// "swagger" member). Only swagger-version-2 reports on such a file: every other structure finding
// would be noise.
func stIsOpenAPI3(a *connector.API) bool {
	return a.Get(a.Root, "openapi") != connector.None && a.Get(a.Root, "swagger") == connector.None
}

// stWalk visits every object of the swagger file that has a Swagger 2.0 type, in file order: the
// root, info, contact, license, tags, externalDocs, path items, operations, parameters (root, path
// item, operation), responses (root, operation), headers, schemas (definitions, body and response
// schemas, x-ms-notification-content schemas, and everything nested in them), items, xml objects
// and security definitions. Objects that hold a "$ref" are visited (rules decide what to do with
// them) but not descended into; nodes of the wrong JSON type are skipped.
func stWalk(a *connector.API, fn func(v stVisit)) {
	w := a.Memo("st.walk", func() any { return stWalkOnce(a) }).(*stWalkList)
	for _, v := range w.visits {
		fn(stVisit{Node: v.node, Type: v.typ, Ref: v.ref, Arrays: v.arrays, Members: w.members[v.lo:v.hi:v.hi]})
	}
}

// stWalkSlots are the members stWalkOnce follows, as indexes of its member table f.
const (
	stkRef = iota
	stkExternalDocs
	stkInfo
	stkTags
	stkPaths
	stkParameters
	stkResponses
	stkDefinitions
	stkSecurityDefinitions
	stkContact
	stkLicense
	stkNotification
	stkSchema
	stkItems
	stkHeaders
	stkProperties
	stkAdditionalProperties
	stkAllOf
	stkAnyOf
	stkOneOf
	stkNot
	stkXML
	stkCount
)

var stKeyNotification = stKeyMust("x-ms-notification-content")

// stWalkSlot maps a stKey to its stk index, or -1.
var stWalkSlot = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i, k := range [stkCount]string{"$ref", "externalDocs", "info", "tags", "paths", "parameters", "responses",
		"definitions", "securityDefinitions", "contact", "license", "x-ms-notification-content", "schema", "items",
		"headers", "properties", "additionalProperties", "allOf", "anyOf", "oneOf", "not", "xml"} {
		t[stKeyMust(k)] = int8(i)
	}
	return
}()

// stIsMethodKey marks the stKeys of the HTTP methods (connector.IsMethod).
var stIsMethodKey = func() (t [256]bool) {
	for _, m := range []string{"get", "put", "post", "delete", "options", "head", "patch"} {
		t[stKeyMust(m)] = true
	}
	return
}()

// stWalkList is what stWalk visits, compactly: the visits with the bounds of their members in one
// shared list.
type stWalkList struct {
	visits  []stWalkVisit
	members []stMember
}

type stWalkVisit struct {
	node        connector.NodeID
	typ         stObjType
	ref, arrays bool
	lo, hi      int32 // the members: members[lo:hi]
}

// stWalkOnce lists the objects stWalk visits, each with its members.
func stWalkOnce(a *connector.API) *stWalkList {
	d := a.Doc
	// About a quarter of the nodes of a swagger file are visited, and most nodes are their members.
	vs := make([]stWalkVisit, 0, len(d.Nodes)/4+16)
	ms := make([]stMember, 0, len(d.Nodes)*3/4+16)
	var visit func(n connector.NodeID, t stObjType)
	obj := func(n connector.NodeID) bool { return d.Kind(n) == connector.Object }
	// The children of an array or object by their links (their names are not needed).
	eachChild := func(n connector.NodeID, k connector.Kind, t stObjType) {
		if d.Kind(n) != k {
			return
		}
		for c := d.Nodes[n].First; c != connector.None; c = d.Nodes[c].Next {
			visit(c, t)
		}
	}
	eachElem := func(arr connector.NodeID, t stObjType) { eachChild(arr, connector.Array, t) }
	eachValue := func(m connector.NodeID, t stObjType) { eachChild(m, connector.Object, t) }
	visit = func(n connector.NodeID, t stObjType) {
		if !obj(n) {
			return
		}
		// One pass over the members records them and finds the ones to follow (the last of a
		// repeated key counts, as with Get).
		var f [stkCount]connector.NodeID
		for i := range f {
			f[i] = connector.None
		}
		first := len(ms)
		arrays := false
		for c := d.Nodes[n].First; c != connector.None; c = d.Nodes[c].Next {
			k := d.Key(c)
			ext := stIsExtension(k)
			sk := stKeyOther
			if !ext {
				sk = stKeyOf(k)
			} else if k == "x-ms-notification-content" { // the one extension stKeyNames holds
				sk = stKeyNotification
			}
			kind := d.Nodes[c].Kind
			arrays = arrays || kind == connector.Array
			ms = append(ms, stMember{Node: c, Key: sk, Ext: ext, Kind: kind})
			if i := stWalkSlot[sk]; i >= 0 {
				f[i] = c
			}
		}
		last := len(ms)
		v := stVisit{Node: n, Type: t, Ref: f[stkRef] != connector.None}
		vs = append(vs, stWalkVisit{node: n, typ: t, ref: v.Ref, arrays: arrays, lo: int32(first), hi: int32(last)})
		if v.refSkipped() {
			return
		}
		visit(f[stkExternalDocs], stExternalDocs)
		switch t {
		case stRoot:
			visit(f[stkInfo], stInfo)
			eachElem(f[stkTags], stTag)
			for k, item := range d.Members(f[stkPaths]) {
				if !stIsExtension(k) {
					visit(item, stPathItem)
				}
			}
			eachValue(f[stkParameters], stParameter)
			eachValue(f[stkResponses], stResponse)
			eachValue(f[stkDefinitions], stSchema)
			eachValue(f[stkSecurityDefinitions], stSecurityScheme)
		case stInfo:
			visit(f[stkContact], stContact)
			visit(f[stkLicense], stLicense)
		case stPathItem:
			eachElem(f[stkParameters], stParameter)
			visit(d.Get(f[stkNotification], "schema"), stSchema)
			for _, m := range ms[first:last] { // visits below may move ms, not these
				if stIsMethodKey[m.Key] {
					visit(m.Node, stOperation)
				}
			}
		case stOperation:
			eachElem(f[stkParameters], stParameter)
			for code, r := range d.Members(f[stkResponses]) {
				if !stIsExtension(code) {
					visit(r, stResponse)
				}
			}
		case stParameter:
			visit(f[stkSchema], stSchema)
			visit(f[stkItems], stItems)
		case stResponse:
			visit(f[stkSchema], stSchema)
			eachValue(f[stkHeaders], stHeader)
		case stHeader, stItems:
			visit(f[stkItems], stItems)
		case stSchema:
			eachValue(f[stkProperties], stSchema)
			if it := f[stkItems]; obj(it) {
				visit(it, stSchema)
			} else {
				eachElem(it, stSchema)
			}
			visit(f[stkAdditionalProperties], stSchema)
			for _, k := range [...]int{stkAllOf, stkAnyOf, stkOneOf} {
				eachElem(f[k], stSchema)
			}
			visit(f[stkNot], stSchema)
			visit(f[stkXML], stXML)
		}
	}
	visit(a.Root, stRoot)
	return &stWalkList{visits: vs, members: ms}
}

// stKindOf returns the stKinds bit of node n (numbers that are integers get stNum|stInt).
func stKindOf(d *connector.Doc, n connector.NodeID) stKinds { return stKindOfKind(d, n, d.Kind(n)) }

// stKindOfKind is stKindOf for a node whose Kind is known.
func stKindOfKind(d *connector.Doc, n connector.NodeID, k connector.Kind) stKinds {
	switch k {
	case connector.String:
		return stStr
	case connector.Number:
		if strings.ContainsAny(string(d.Raw(n)), ".eE") {
			return stNum
		}
		return stNum | stInt
	case connector.Bool:
		return stBool
	case connector.Object:
		return stObjK
	case connector.Array:
		return stArr
	case connector.Null:
		return stNull
	}
	return 0
}

// stKindsName describes a set of JSON types for a message ("a string or an array").
func stKindsName(k stKinds) string {
	var parts []string
	for _, x := range []struct {
		k stKinds
		s string
	}{{stStr, "a string"}, {stInt, "an integer"}, {stNum, "a number"}, {stBool, "a boolean"}, {stObjK, "an object"}, {stArr, "an array"}, {stNull, "null"}} {
		if k&x.k != 0 {
			parts = append(parts, x.s)
		}
	}
	switch len(parts) {
	case 0:
		return "a value"
	case 1:
		return parts[0]
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// stDescribeValue describes the actual value of n for a message: `the string "x"`, `the number 5`,
// `an object`.
func stDescribeValue(d *connector.Doc, n connector.NodeID) string {
	switch d.Kind(n) {
	case connector.String:
		s, _ := d.Str(n)
		if r := []rune(s); len(r) > 60 {
			s = string(r[:57]) + "..."
		}
		return "the string " + Quote(s)
	case connector.Number:
		return "the number " + string(d.Raw(n))
	case connector.Bool:
		return "the boolean " + string(d.Raw(n))
	case connector.Null:
		return "null"
	case connector.Object:
		return "an object"
	case connector.Array:
		return "an array"
	}
	return "a value"
}
