// A dev server's usual CORS: every origin may call it (`Access-Control-Allow-Origin: *`), since
// "it only runs on localhost". No credentials: the wildcard never lets a script read an answer
// to a request that carried cookies (Fetch §4.9, CORS check), but the requests still arrive.
export default {
  origin: '*',
};
