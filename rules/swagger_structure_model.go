package rules

import (
	"slices"
	"strings"
	"sync"

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

// stKeyIsExt marks the stKeys whose names are extensions' (stIsExtension).
var stKeyIsExt = func() (t [256]bool) {
	for i, name := range stKeyNames {
		t[i] = stIsExtension(name)
	}
	return
}()

// stKeyOfMember returns the stKey of member c (nd is its node) and whether its name is an
// extension's. A known name is looked up by the raw bytes of the key: none of the names holds a
// backslash, so raw bytes equal to a name are that name unescaped. The other keys are decoded.
func stKeyOfMember(d *connector.Doc, c connector.NodeID, nd *connector.Node) (stKey, bool) {
	raw := d.Src[nd.KeyStart+1 : nd.KeyEnd-1]
	if n := len(raw); n > 0 {
		fp := uint32(n)<<24 ^ uint32(raw[0])<<16 ^ uint32(raw[n-1])<<8 ^ uint32(raw[n>>1])
		for h := fp * 0x9E3779B1 >> 23; ; h = (h + 1) % uint32(len(stKeySlots)) { // as stKeyOf
			sk := stKeySlots[h]
			if sk == stKeyOther {
				break
			}
			if connector.EqKey(raw, stKeyNames[sk]) {
				return sk, stKeyIsExt[sk]
			}
		}
	}
	k := d.Key(c)
	if stIsExtension(k) {
		if k == "x-ms-notification-content" { // escaped: the one extension stKeyNames holds
			return stKeyNotification, true
		}
		return stKeyOther, true
	}
	return stKeyOf(k), false // an unknown name, or an escaped one
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
var stFieldTable = func() (t [stTypeCount][256]stField) {
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

// stMember is one member of an object listed by stWalkOf.
type stMember struct {
	Node connector.NodeID
	Key  stKey
	Ext  bool           // the name is an extension's (stIsExtension)
	Kind connector.Kind // the kind of Node
}

// stVisit is one object listed by stWalkOf.
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

// stWalkOf lists every object of the swagger file that has a Swagger 2.0 type, in file order: the
// root, info, contact, license, tags, externalDocs, path items, operations, parameters (root, path
// item, operation), responses (root, operation), headers, schemas (definitions, body and response
// schemas, x-ms-notification-content schemas, and everything nested in them), items, xml objects
// and security definitions. Objects that hold a "$ref" are listed (rules decide what to do with
// them) but not descended into; nodes of the wrong JSON type are skipped. The list is memoised; the
// rules read the summary of each visit (stFlags, stVal) before they look at its members.
func stWalkOf(a *connector.API) *stWalkList {
	return a.Memo("st.walk", func() any { return stWalkOnce(a) }).(*stWalkList)
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
	stkType
	stkIn
	stkCount
)

var stKeyNotification = stKeyMust("x-ms-notification-content")

// stSchemaFollowed has the slots that stWalker.visit follows from a schema.
const stSchemaFollowed = 1<<stkProperties | 1<<stkItems | 1<<stkAdditionalProperties | 1<<stkAllOf |
	1<<stkAnyOf | 1<<stkOneOf | 1<<stkNot | 1<<stkXML

// stkCount slots fit in the uint32 masks of stWalker.visit (this constant overflows otherwise).
const _ uint = 32 - stkCount

// stWalkSlot maps a stKey to its stk index, or -1.
var stWalkSlot = func() (t [256]int8) {
	for i := range t {
		t[i] = -1
	}
	for i, k := range [stkCount]string{"$ref", "externalDocs", "info", "tags", "paths", "parameters", "responses",
		"definitions", "securityDefinitions", "contact", "license", "x-ms-notification-content", "schema", "items",
		"headers", "properties", "additionalProperties", "allOf", "anyOf", "oneOf", "not", "xml", "type", "in"} {
		t[stKeyMust(k)] = int8(i)
	}
	return
}()

// stNoSlots is a member table of stWalkOnce with nothing found.
var stNoSlots = func() (f [stkCount]connector.NodeID) {
	for i := range f {
		f[i] = connector.None
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

// stFlags summarise a visited object for the rules, so that they skip the objects where they have
// nothing to find.
type stFlags uint8

const (
	stfRef     stFlags = 1 << iota // the object has a "$ref" member
	stfArrays                      // one of its members is an array
	stfUnknown                     // a member is neither an extension nor a field of the object's type
	stfTypeBad                     // a member has a JSON type swagger-type-mismatch reports (stTypesOK)
)

// stVal is the value of a visited object's "type" or "in" member when it is a plain string (no
// escapes) among stValWords, so that the enum rules compare small numbers instead of strings.
type stVal uint8

const (
	stvAbsent stVal = iota // no such member
	stvOther               // another string, an escaped one, or not a string: read the member
	stvWords               // the first word; word i of stValWords is stvWords+i
)

var stValWords = []string{"string", "number", "integer", "boolean", "array", "object", "null", "file",
	"query", "header", "path", "formData", "body"}

var stvBody = stValOf([]byte("body"))

// The stVals of the type names, in the order of stValWords (TestStValOfWords checks them).
const (
	stvString stVal = stvWords + iota
	stvNumber
	stvInteger
	stvBoolean
	stvArray
	stvObject
	stvNull
	stvFile
)

// stValOK reports whether a "type" or "in" member summed up as v is absent or one of the words of
// set (a stValSet): swagger-value-not-in-enum has nothing to report.
func stValOK(v stVal, set uint32) bool { return v == stvAbsent || v >= stvWords && set&(1<<v) != 0 }

// stValOf returns the stVal of the raw bytes of a JSON string without its quotes.
func stValOf(raw []byte) stVal {
	if len(raw) < 4 || len(raw) > 8 {
		return stvOther // the words have 4 to 8 bytes
	}
	// the one word that may match (stValByShape: no two words share a length and first letter)
	if v := stValByShape[len(raw)-4][raw[0]&31]; v != stvOther && connector.EqKey(raw, stValWords[v-stvWords]) {
		return v
	}
	return stvOther
}

// stValByShape gives the word of stValWords with a length (4 to 8) and a first letter (its low five
// bits, which tell lower-case letters apart), or stvOther.
var stValByShape = func() (t [5][32]stVal) {
	for i := range t {
		for j := range t[i] {
			t[i][j] = stvOther
		}
	}
	for i, w := range stValWords {
		if len(w) < 4 || len(w) > 8 || w[0] < 'a' || w[0] > 'z' || t[len(w)-4][w[0]&31] != stvOther {
			panic("stValByShape: " + w)
		}
		t[len(w)-4][w[0]&31] = stvWords + stVal(i)
	}
	return
}()

// stValSet returns the set of the given words as a bit mask of their stVals.
func stValSet(words []string) (m uint32) {
	for _, w := range words {
		v := stValOf([]byte(w))
		if v < stvWords {
			panic("stValSet: not a word of stValWords: " + w)
		}
		m |= 1 << v
	}
	return m
}

// stReqBit gives the member names that stRequired lists one bit each (stWalkVisit.req).
var stReqBit = func() (t [256]uint16) {
	n := 0
	for _, names := range append(stRequired[:], []string{"type"}) {
		for _, name := range names {
			if k := stKeyMust(name); t[k] == 0 {
				t[k] = 1 << n
				n++
			}
		}
	}
	if n > 16 {
		panic("stReqBit: too many required names")
	}
	return
}()

// stWalkList is what stWalkOf lists, compactly: the visits with the bounds of their members in one
// shared list.
//
// Three schemas in four have nothing for the structure rules: no unknown member, no member of the
// wrong JSON type, no array (array-unique-values), a "type" that is absent or valid
// (swagger-value-not-in-enum), and no required member (swagger-required-property has none for
// schemas). Those schema visits are left out of the list with their members; they are still
// walked, for the objects below them.
type stWalkList struct {
	visits  []stWalkVisit
	members []stMember
}

type stWalkVisit struct {
	node connector.NodeID
	// the members are members[lo:hi], where hi is the lo of the next visit (or len(members)): a
	// visit's members are listed just before it and those of the objects below it after it
	lo        int32
	typ       stObjType
	flags     stFlags
	typeV, in stVal  // the "type" and "in" members (the last of a repeated name, as with Get)
	req       uint16 // the stReqBit of the member names present
}

// visit returns visit i as a stVisit.
func (w *stWalkList) visit(i int) stVisit {
	v := &w.visits[i]
	hi := int32(len(w.members))
	if i+1 < len(w.visits) {
		hi = w.visits[i+1].lo
	}
	return stVisit{Node: v.node, Type: v.typ, Ref: v.flags&stfRef != 0, Arrays: v.flags&stfArrays != 0,
		Members: w.members[v.lo:hi:hi]}
}

// stWalker builds a stWalkList.
type stWalker struct {
	d  *connector.Doc
	vs []stWalkVisit
	ms []stMember
}

// stWalkers keeps stWalkers between documents: a walk appends to the buffers of one, and the lists
// kept are exact-size copies (the lengths are not known in advance, and growing or over-sizing the
// lists of each document cost more allocation than the copies).
var stWalkers = sync.Pool{New: func() any { return new(stWalker) }}

// stWalkOnce lists the objects of stWalkOf, each with its members.
func stWalkOnce(a *connector.API) *stWalkList {
	w := stWalkers.Get().(*stWalker)
	w.d, w.vs, w.ms = a.Doc, w.vs[:0], w.ms[:0]
	w.visit(a.Root, stRoot)
	l := &stWalkList{visits: slices.Clone(w.vs), members: slices.Clone(w.ms)}
	w.d = nil
	if cap(w.vs) <= 1<<20 && cap(w.ms) <= 1<<20 { // do not keep huge buffers for the rest of the run
		stWalkers.Put(w)
	}
	return l
}

// elems visits the children of n, an array or object of kind k, by their links (their names are not
// needed).
func (w *stWalker) elems(n connector.NodeID, k connector.Kind, t stObjType) {
	if w.d.Kind(n) != k {
		return
	}
	for c := w.d.Nodes[n].First; c != connector.None; c = w.d.Nodes[c].Next {
		w.visit(c, t)
	}
}

// entries visits the members of object n that are not extensions (path items, responses) and
// reports whether one of them is not an object.
func (w *stWalker) entries(n connector.NodeID, t stObjType) (bad bool) {
	d := w.d
	if d.Kind(n) != connector.Object {
		return false
	}
	for c := d.Nodes[n].First; c != connector.None; c = d.Nodes[c].Next {
		if !stIsExtension(d.Key(c)) {
			bad = bad || d.Nodes[c].Kind != connector.Object
			w.visit(c, t)
		}
	}
	return bad
}

func (w *stWalker) visit(n connector.NodeID, t stObjType) {
	d := w.d
	if d.Kind(n) != connector.Object {
		return
	}
	// One pass over the members records them, finds the ones to follow (the last of a repeated key
	// counts, as with Get) and sums them up in flags.
	f := stNoSlots
	first := len(w.ms)
	var flags stFlags
	var req uint16
	var have uint32 // the slots of f found
	fields := &stFieldTable[t]
	for c := d.Nodes[n].First; c != connector.None; c = d.Nodes[c].Next {
		nd := &d.Nodes[c]
		sk, ext := stKeyOfMember(d, c, nd)
		kind := nd.Kind
		if kind == connector.Array {
			flags |= stfArrays
		}
		w.ms = append(w.ms, stMember{Node: c, Key: sk, Ext: ext, Kind: kind})
		if i := stWalkSlot[sk]; i >= 0 {
			f[i] = c
			have |= 1 << i
		}
		if !ext {
			req |= stReqBit[sk]
			if spec := fields[sk]; spec.kinds == 0 {
				flags |= stfUnknown
			} else if kind != connector.Number && spec.elems == 0 { // stTypesOK's common case, without a call
				if stKindBits[kind]&spec.kinds == 0 && sk != stKeyRef && (t != stRoot || sk != stKeySwagger) {
					flags |= stfTypeBad
				}
			} else if !stTypesOK(d, t, sk, c, kind, spec) {
				flags |= stfTypeBad
			}
		}
	}
	last := len(w.ms)
	if f[stkRef] != connector.None {
		flags |= stfRef
	}
	typeV := w.val(f[stkType])
	vi := len(w.vs)
	if t == stSchema && flags&(stfUnknown|stfTypeBad|stfArrays) == 0 && stValOK(typeV, stSchemaTypeSet) &&
		len(stRequiredKeys[stSchema]) == 0 {
		// None of the structure rules looks at such a schema (see stWalkList): it is not kept.
		w.ms = w.ms[:first]
	} else {
		w.vs = append(w.vs, stWalkVisit{node: n, typ: t, flags: flags, lo: int32(first),
			typeV: typeV, in: w.val(f[stkIn]), req: req})
	}
	if (stVisit{Type: t, Ref: flags&stfRef != 0}).refSkipped() {
		return
	}
	if have&(1<<stkExternalDocs) != 0 {
		w.visit(f[stkExternalDocs], stExternalDocs)
	}
	if t == stSchema && have&stSchemaFollowed == 0 {
		return // most schemas have no member to follow
	}
	switch t {
	case stRoot:
		w.visit(f[stkInfo], stInfo)
		w.elems(f[stkTags], connector.Array, stTag)
		if w.entries(f[stkPaths], stPathItem) {
			w.vs[vi].flags |= stfTypeBad
		}
		w.elems(f[stkParameters], connector.Object, stParameter)
		w.elems(f[stkResponses], connector.Object, stResponse)
		w.elems(f[stkDefinitions], connector.Object, stSchema)
		w.elems(f[stkSecurityDefinitions], connector.Object, stSecurityScheme)
	case stInfo:
		w.visit(f[stkContact], stContact)
		w.visit(f[stkLicense], stLicense)
	case stPathItem:
		w.elems(f[stkParameters], connector.Array, stParameter)
		w.visit(d.Get(f[stkNotification], "schema"), stSchema)
		for i := first; i < last; i++ { // visits below may move w.ms, not these
			if m := w.ms[i]; stIsMethodKey[m.Key] {
				w.visit(m.Node, stOperation)
			}
		}
	case stOperation:
		w.elems(f[stkParameters], connector.Array, stParameter)
		if w.entries(f[stkResponses], stResponse) {
			w.vs[vi].flags |= stfTypeBad
		}
	case stParameter:
		w.visit(f[stkSchema], stSchema)
		w.visit(f[stkItems], stItems)
	case stResponse:
		w.visit(f[stkSchema], stSchema)
		w.elems(f[stkHeaders], connector.Object, stHeader)
	case stHeader, stItems:
		w.visit(f[stkItems], stItems)
	case stSchema:
		w.elems(f[stkProperties], connector.Object, stSchema)
		if it := f[stkItems]; d.Kind(it) == connector.Object {
			w.visit(it, stSchema)
		} else {
			w.elems(it, connector.Array, stSchema)
		}
		w.visit(f[stkAdditionalProperties], stSchema)
		for _, k := range [...]int{stkAllOf, stkAnyOf, stkOneOf} {
			w.elems(f[k], connector.Array, stSchema)
		}
		w.visit(f[stkNot], stSchema)
		w.visit(f[stkXML], stXML)
	}
}

// val returns the stVal of member m.
func (w *stWalker) val(m connector.NodeID) stVal { return stValOfNode(w.d, m) }

// stValOfNode returns the stVal of member m of d (None: stvAbsent).
func stValOfNode(d *connector.Doc, m connector.NodeID) stVal {
	if m == connector.None {
		return stvAbsent
	}
	if d.Nodes[m].Kind != connector.String {
		return stvOther
	}
	// a string with an escape is none of the words (stValOf answers stvOther)
	nd := &d.Nodes[m]
	return stValOf(d.Src[nd.Start+1 : nd.End-1])
}

// stTypesOK reports whether member m (of kind kind, named sk, a field spec of an object of type t)
// has the JSON type swagger-type-mismatch wants, and so do its elements or values when spec says
// which. The "swagger" member of the root and "$ref" members are left to other rules.
func stTypesOK(d *connector.Doc, t stObjType, sk stKey, m connector.NodeID, kind connector.Kind, spec stField) bool {
	if sk == stKeyRef || t == stRoot && sk == stKeySwagger {
		return true
	}
	if kind == connector.Number && spec.kinds&stNum != 0 {
		// a number of either kind fits
	} else if stKindOfKind(d, m, kind)&spec.kinds == 0 {
		return false
	}
	if spec.elems == 0 || spec.mapv && kind != connector.Object || !spec.mapv && kind != connector.Array {
		return true
	}
	if spec.elems&stInt != 0 { // integers apart from other numbers: not needed by stFields so far
		for e := d.Nodes[m].First; e != connector.None; e = d.Nodes[e].Next {
			if stKindOf(d, e)&spec.elems == 0 {
				return false
			}
		}
		return true
	}
	// a whole map of properties or list of schemas at times: the kinds alone, by table
	for e := d.Nodes[m].First; e != connector.None; e = d.Nodes[e].Next {
		if stKindBits[d.Nodes[e].Kind]&spec.elems == 0 {
			return false
		}
	}
	return true
}

// stKindBits is stKindOf by Kind, but for numbers: stNum without stInt (an integer is also stNum).
var stKindBits = func() (t [256]stKinds) {
	for k, b := range map[connector.Kind]stKinds{connector.String: stStr, connector.Number: stNum,
		connector.Bool: stBool, connector.Object: stObjK, connector.Array: stArr, connector.Null: stNull} {
		t[k] = b
	}
	return
}()

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
