package httpapi

import (
	"net/http"

	"github.com/gin-gonic/gin"

	"github.com/vanban/vanban/internal/jsonin"
	"github.com/vanban/vanban/internal/paperwork"
)

// handler is a route's handler: it binds the request, calls a use case and
// writes the answer. The error it returns is answered by Server.fail, the
// one mapping from an application error to a problem document.
type handler func(c *gin.Context) error

// run makes h a gin handler.
func (s *Server) run(h handler) gin.HandlerFunc {
	return func(c *gin.Context) {
		if err := h(c); err != nil {
			s.fail(c, err)
		}
	}
}

// plain is a handler that cannot fail (health, metrics, documentation).
func plain(h gin.HandlerFunc) handler {
	return func(c *gin.Context) error {
		h(c)
		return nil
	}
}

// reply writes v as JSON with status code once the call that made it
// succeeded; 204 writes no body.
func reply[T any](c *gin.Context, code int, v T, err error) error {
	if err != nil {
		return err
	}
	if code == http.StatusNoContent {
		c.Status(code)
		return nil
	}
	c.JSON(code, v)
	return nil
}

// replyFile sends f with status code once the call that made it succeeded.
func replyFile(c *gin.Context, code int, f paperwork.File, err error) error {
	if err != nil {
		return err
	}
	sendFile(c, code, f)
	return nil
}

// bind reads the JSON body strictly (jsonin: field paths, duplicate keys
// refused) into a T.
func bind[T any](s *Server, c *gin.Context) (T, error) {
	var v T
	data, err := s.readJSON(c)
	if err != nil {
		return v, err
	}
	return v, jsonin.Decode(data, &v)
}
