package server

import (
	_ "embed"
	"encoding/json"
	"net/http"
	"sync"

	"github.com/getkin/kin-openapi/openapi3"
	"github.com/gin-gonic/gin"

	"github.com/govtrain/lms/api/platform/httpx"
)

// OpenAPIYAML is the API description, kept by hand next to the routes.
//
//go:embed openapi.yaml
var OpenAPIYAML []byte

var spec = sync.OnceValues(func() ([]byte, error) {
	doc, err := LoadSpec()
	if err != nil {
		return nil, err
	}
	return json.Marshal(doc)
})

// LoadSpec parses and validates the OpenAPI document.
func LoadSpec() (*openapi3.T, error) {
	doc, err := openapi3.NewLoader().LoadFromData(OpenAPIYAML)
	if err != nil {
		return nil, err
	}
	return doc, nil
}

func openAPI(c *gin.Context) {
	b, err := spec()
	if httpx.Fail(c, err) {
		return
	}
	c.Data(http.StatusOK, "application/json", b)
}
